#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace concierge {

// Length limits are in characters as people count them: the number of
// Unicode code points of valid UTF-8 (what the JSON parser lets through),
// not bytes, so "é" counts one.
[[nodiscard]] std::size_t CharacterCount(std::string_view utf8);

// True for text of nothing but spaces, tabs and line breaks: "required"
// text must say something.
[[nodiscard]] bool IsBlank(std::string_view text);

// The text without surrounding whitespace and with ASCII letters in lower
// case: two labels that differ only so are the same label to a reader.
[[nodiscard]] std::string ComparableLabel(std::string_view text);

}  // namespace concierge
