#pragma once

#include <string>

namespace concierge::kiosk {

// `text` as a QR code (error correction level M, a 4-module quiet zone),
// drawn as one SVG path of dark modules: no image library is needed to show
// it, and it scales to any lobby screen.
[[nodiscard]] std::string QrSvg(const std::string& text);

}  // namespace concierge::kiosk
