#pragma once
// The name every report, workbook, page and API answer gives as its generator. The version is
// project(... VERSION) in CMakeLists.txt, passed in as DECARBFUND_VERSION (src/CMakeLists.txt),
// so a release changes it in one place.

#ifndef DECARBFUND_VERSION
#error "DECARBFUND_VERSION is set by src/CMakeLists.txt on the core room"
#endif

namespace decarbfund::core {

inline constexpr const char* kGenerator = "decarbfund " DECARBFUND_VERSION;

}  // namespace decarbfund::core
