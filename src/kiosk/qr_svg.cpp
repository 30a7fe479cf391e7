#include "kiosk/qr_svg.hpp"

#include <qrcodegen/QrCode.hpp>

namespace concierge::kiosk {

std::string QrSvg(const std::string& text) {
  constexpr int kQuietZone = 4;
  const auto code = qrcodegen::QrCode::encodeText(text.c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
  const int size = code.getSize();
  const std::string side = std::to_string(size + 2 * kQuietZone);

  std::string path;
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      if (code.getModule(x, y)) {
        path += "M" + std::to_string(x + kQuietZone) + "," + std::to_string(y + kQuietZone) +
                "h1v1h-1z";
      }
    }
  }
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side +
         "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
         "fill=\"#fff\"/><path d=\"" +
         path + "\" fill=\"#000\"/></svg>";
}

}  // namespace concierge::kiosk
