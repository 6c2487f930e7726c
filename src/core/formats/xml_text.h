#pragma once

// Texts of an XML document that pugixml parsed without decoding them (parse_minimal), decoded as
// its default options would have decoded them, as they are copied out of the parse buffer; so
// the reader can say where a reference or a character that XML does not allow is.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace bpm {

// Where a text sits in the markup, which decides what in it is markup.
enum class xml_markup { text, cdata, attribute };

// Bytes after the end of a parse buffer that xml_decode reads: it reads sixteen bytes at a time.
inline constexpr std::size_t xml_decode_padding = 16;

// Told where (a position in the parse buffer) and what is wrong in a text xml_decode decodes.
using xml_text_problem = std::function<void(const char* at, std::string message)>;

// The NUL-terminated text at v in a parse buffer as pugixml's default options read it where kind
// says: character and entity references (except in CDATA) stand for their characters, line ends
// are LF, and in attributes white space is a space. A reference to a character XML does not allow
// is reported and left out, and so is such a character in element text (attribute values are
// checked by what they hold). The text is decoded in place, in the parse buffer, so each text may
// be decoded only once; problems are placed where they were before.
std::string xml_decode(char* v, xml_markup kind, const xml_text_problem& report);

// Reads the element text from p, which ends at the first '<' before end, into out (replacing what
// it held) as xml_decode decodes it, and returns where that '<' is; null, leaving out unspecified,
// when there is no '<', xml_decode would report a problem in it (the text is valid UTF-8), or
// it holds a carriage return, or its '<' is fewer than eight bytes from end (a reference at the
// text's end is looked at up to seven bytes on, where the end tag should be).
const char* xml_read_plain_text(const char* p, const char* end, std::string& out);

}  // namespace bpm
