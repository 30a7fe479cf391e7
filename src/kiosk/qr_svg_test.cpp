#include "kiosk/qr_svg.hpp"

#include <gtest/gtest.h>

namespace concierge::kiosk {
namespace {

TEST(QrSvg, IsOneSquareSvgWithAQuietZone) {
  const std::string svg = QrSvg("https://concierge.example/connect/#token=abc.def");
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  // A QR code is 17 + 4 * version modules wide; plus 4 of quiet zone a side.
  const auto at = svg.find("viewBox=\"0 0 ");
  ASSERT_NE(at, std::string::npos);
  const int side = std::stoi(svg.substr(at + 13));
  EXPECT_EQ((side - 8 - 17) % 4, 0) << side;
  EXPECT_NE(svg.find("0 0 " + std::to_string(side) + " " + std::to_string(side) + "\""),
            std::string::npos);
  // The top-left finder pattern starts at the quiet zone's edge.
  EXPECT_NE(svg.find("M4,4h1v1h-1z"), std::string::npos);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
}

TEST(QrSvg, DifferentTextsDrawDifferentCodes) {
  EXPECT_NE(QrSvg("https://a.example/1"), QrSvg("https://a.example/2"));
}

}  // namespace
}  // namespace concierge::kiosk
