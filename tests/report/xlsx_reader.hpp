#pragma once
// Reading back an .xlsx in tests: a zip of XML parts (ECMA-376). The central directory lists the
// members; each is stored or raw-deflated, which zlib inflates. Just enough to ask "which sheets,
// and what is in cell B3 of sheet 'legs'" — a test helper, not a general reader.

#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace decarbfund::test {

/// Every member of a zip archive, by name.
inline std::map<std::string, std::string> unzip(const std::string& zip) {
  const auto u16 = [&zip](std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(zip.at(at)) | static_cast<unsigned char>(zip.at(at + 1)) << 8);
  };
  const auto u32 = [&u16](std::size_t at) { return u16(at) | u16(at + 2) << 16; };
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  std::size_t eocd = std::string::npos;
  for (std::size_t i = zip.size() >= 22 ? zip.size() - 22 : 0; i != static_cast<std::size_t>(-1); --i) {
    if (u32(i) == 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd == std::string::npos) {
    throw std::runtime_error("not a zip archive");
  }
  std::map<std::string, std::string> out;
  std::size_t at = u32(eocd + 16);
  for (std::uint32_t n = 0, count = u16(eocd + 10); n < count; ++n) {
    if (u32(at) != 0x02014b50) {
      throw std::runtime_error("bad central directory");
    }
    const auto method = u16(at + 10);
    const auto packed = u32(at + 20), size = u32(at + 24);
    const auto name_len = u16(at + 28), extra_len = u16(at + 30), comment_len = u16(at + 32);
    const auto local = u32(at + 42);
    const std::string name = zip.substr(at + 46, name_len);
    const std::size_t data = local + 30 + u16(local + 26) + u16(local + 28);
    std::string content(size, '\0');
    if (method == 0) {
      content = zip.substr(data, size);
    } else if (method == 8) {
      z_stream z{};
      inflateInit2(&z, -MAX_WBITS);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
      z.avail_in = packed;
      z.next_out = reinterpret_cast<Bytef*>(content.data());
      z.avail_out = size;
      const int rc = inflate(&z, Z_FINISH);
      inflateEnd(&z);
      if (rc != Z_STREAM_END) {
        throw std::runtime_error("cannot inflate " + name);
      }
    } else {
      throw std::runtime_error("unknown zip method in " + name);
    }
    out[name] = content;
    at += 46 + name_len + extra_len + comment_len;
  }
  return out;
}

/// Decodes the five XML entities libxlsxwriter writes.
inline std::string xml_text(std::string s) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
    for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
      s.replace(p, from.size(), to);
    }
  }
  return s;
}

/// An .xlsx as a test reads it: sheet names in order and each cell's value as text.
struct Xlsx {
  std::vector<std::string> sheets;
  std::map<std::string, std::map<std::string, std::string>> cells;  ///< sheet → "B3" → value

  explicit Xlsx(const std::string& bytes) {
    const auto parts = unzip(bytes);
    std::vector<std::string> strings;
    if (auto it = parts.find("xl/sharedStrings.xml"); it != parts.end()) {
      const auto& x = it->second;
      for (std::size_t p = x.find("<t"); p != std::string::npos; p = x.find("<t", p + 1)) {
        if (x[p + 2] != '>' && x[p + 2] != ' ') {
          continue;  // <text…> or similar
        }
        const auto b = x.find('>', p) + 1;
        strings.push_back(xml_text(x.substr(b, x.find("</t>", b) - b)));
      }
    }
    const auto& wb = parts.at("xl/workbook.xml");
    for (std::size_t p = wb.find("<sheet "); p != std::string::npos; p = wb.find("<sheet ", p + 1)) {
      const auto b = wb.find("name=\"", p) + 6;
      sheets.push_back(xml_text(wb.substr(b, wb.find('"', b) - b)));
    }
    for (std::size_t i = 0; i < sheets.size(); ++i) {
      const auto& x = parts.at("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml");
      auto& sheet = cells[sheets[i]];
      for (std::size_t p = x.find("<c r=\""); p != std::string::npos; p = x.find("<c r=\"", p + 1)) {
        const auto rb = p + 6;
        const std::string ref = x.substr(rb, x.find('"', rb) - rb);
        const auto end = x.find('>', p);
        if (x[end - 1] == '/') {
          continue;  // an empty cell
        }
        const bool shared = x.substr(p, end - p).find("t=\"s\"") != std::string::npos;
        const auto vb = x.find("<v>", end) + 3;
        const std::string v = x.substr(vb, x.find("</v>", vb) - vb);
        sheet[ref] = shared ? strings.at(std::stoul(v)) : v;
      }
    }
  }

  /// The cell's value as text ("" when empty or absent).
  std::string at(const std::string& sheet, const std::string& ref) const {
    const auto s = cells.find(sheet);
    if (s == cells.end()) {
      return "";
    }
    const auto c = s->second.find(ref);
    return c == s->second.end() ? "" : c->second;
  }
  double number(const std::string& sheet, const std::string& ref) const { return std::strtod(at(sheet, ref).c_str(), nullptr); }

  /// The row (1-based) whose column A holds `key`, 0 when none.
  int row_of(const std::string& sheet, const std::string& key) const {
    for (int r = 1; r < 100000; ++r) {
      const auto v = at(sheet, "A" + std::to_string(r));
      if (v == key) {
        return r;
      }
      if (v.empty() && at(sheet, "B" + std::to_string(r)).empty()) {
        return 0;
      }
    }
    return 0;
  }
};

}  // namespace decarbfund::test
