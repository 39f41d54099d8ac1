# The dashboard (web/) is built with npm + esbuild and embedded into the server room as a
# generated source (issue 8). cmake/embed_web.cmake does the work at build time; when npm or the
# packages are not available it embeds nothing and the server says so at `/`.
option(DECARBFUND_WEB "Build the dashboard with npm and embed it in the server" ON)
set(DECARBFUND_WEB_ASSETS_CPP "${PROJECT_BINARY_DIR}/generated/web_assets.cpp")
file(GLOB_RECURSE decarbfund_web_sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/web/src/*")
add_custom_target(decarbfund_web_assets
  COMMAND "${CMAKE_COMMAND}" -DWEB_DIR=${PROJECT_SOURCE_DIR}/web -DOUT_DIR=${PROJECT_BINARY_DIR}/web
          -DOUT_CPP=${DECARBFUND_WEB_ASSETS_CPP} -DENABLED=${DECARBFUND_WEB}
          -P "${PROJECT_SOURCE_DIR}/cmake/embed_web.cmake"
  BYPRODUCTS "${DECARBFUND_WEB_ASSETS_CPP}"
  SOURCES ${decarbfund_web_sources}
  COMMENT "dashboard assets (web/ -> generated/web_assets.cpp)"
  VERBATIM)
