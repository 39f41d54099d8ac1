#pragma once
// The dashboard's files (web/, built by npm + esbuild), embedded into the binary at build time
// by cmake/embed_web.cmake. When npm was not available the list is empty and the server answers
// `/` with a page that says so; the API works either way.

#include <span>
#include <string_view>

namespace decarbfund::server {

struct WebAsset {
  std::string_view path;          ///< URL path, e.g. "/app.js"
  std::string_view content_type;
  std::string_view body;
};

/// Every embedded file (empty when the dashboard was not built).
std::span<const WebAsset> web_assets();

}  // namespace decarbfund::server
