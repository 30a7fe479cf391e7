// What the end-to-end tests share: a workspace, the concierge binary run as a
// command or as a server on a free port, and HTTP helpers.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const binary = process.env.CONCIERGE_BINARY;

export class Workspace {
  constructor(settings) {
    this.path = mkdtempSync(join(tmpdir(), 'concierge-e2e-'));
    this.env = {
      ...process.env,
      CONCIERGE_DATABASE_URL: `sqlite://${this.path}/concierge.db`,
      CONCIERGE_DATA_DIR: this.path,
      CONCIERGE_SECRET_KEY: 'e2e-secret-key-0123456789abcdefghijklmnop',
      CONCIERGE_LOG_LEVEL: 'warn',
      ...settings,
    };
  }

  run(args, input = '') {
    const result = spawnSync(binary, args, { env: this.env, input, encoding: 'utf8' });
    assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  }

  remove() {
    rmSync(this.path, { recursive: true, force: true });
  }
}

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// `concierge serve` on the workspace, with `settings` added to its environment.
export class Server {
  static async start(workspace, settings = {}) {
    const server = new Server();
    const port = await freePort();
    server.base = `http://127.0.0.1:${port}`;
    server.process = spawn(binary, ['serve'], {
      env: { ...workspace.env, ...settings, CONCIERGE_LISTEN: `127.0.0.1:${port}` },
      stdio: 'ignore',
    });
    server.exited = new Promise((resolve) => server.process.once('exit', resolve));
    for (let i = 0; i < 100; i += 1) {
      try {
        if ((await fetch(`${server.base}/healthz`)).ok) return server;
      } catch { /* not listening yet */ }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the server did not start');
  }

  async login(email, password) {
    const response = await fetch(`${this.base}/api/auth/login/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    assert.equal(response.status, 200);
    this.token = (await response.json()).access;
  }

  // Calls the API as the logged-in user; `body` is JSON, or text for non-JSON answers.
  async api(method, path, body) {
    const response = await fetch(this.base + path, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: response.status, body: json, text };
  }

  async deliver(payload, signature) {
    const response = await fetch(`${this.base}/api/online-payments/webhooks/stripe/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature },
      body: payload,
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }

  async stop() {
    this.process.kill('SIGTERM');
    await this.exited;
  }
}

export function paymentEvent(id, paymentIntent, amount, charge) {
  return JSON.stringify({
    id,
    object: 'event',
    type: 'payment_intent.succeeded',
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: paymentIntent,
        object: 'payment_intent',
        amount,
        amount_received: amount,
        currency: 'eur',
        metadata: { online_charge_id: String(charge), tenant_id: '1' },
      },
    },
  });
}

// A `charge.refunded` event: Stripe sends the total refunded so far.
export function refundEvent(id, paymentIntent, amountRefunded) {
  return JSON.stringify({
    id,
    object: 'event',
    type: 'charge.refunded',
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: `ch_${paymentIntent}`,
        object: 'charge',
        payment_intent: paymentIntent,
        amount_refunded: amountRefunded,
        currency: 'eur',
      },
    },
  });
}
