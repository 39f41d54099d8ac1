// fmt 9's compiled part, as its own src/format.cc builds it: format-inl.h (shipped with Debian's
// libfmt-dev) and the templates fmt/format.h declares `extern template`, instantiated here. Built
// into decarbfund::fmt (cmake/static_deps.cmake) because Debian ships libfmt only as a shared
// library, and that library would load libstdc++.so into an executable that links libstdc++
// from its archive (issue 21: start-up). With any other fmt major version the shared library is
// used instead: this list is fmt 9's.

#include <fmt/format-inl.h>

#if FMT_VERSION < 90000 || FMT_VERSION >= 100000
#error "cmake/fmt_library.cpp holds fmt 9's instantiations; cmake/static_deps.cmake builds it only for fmt 9"
#endif

FMT_BEGIN_NAMESPACE
namespace detail {

template FMT_API auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template FMT_API auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;

#ifndef FMT_STATIC_THOUSANDS_SEPARATOR
template FMT_API locale_ref::locale_ref(const std::locale& loc);
template FMT_API auto locale_ref::get<std::locale>() const -> std::locale;
#endif

// For char.
template FMT_API auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template FMT_API auto decimal_point_impl(locale_ref) -> char;
template FMT_API void buffer<char>::append(const char*, const char*);
template FMT_API void vformat_to(buffer<char>&, string_view, basic_format_args<FMT_BUFFER_CONTEXT(char)>, locale_ref);

// For wchar_t.
template FMT_API auto thousands_sep_impl(locale_ref) -> thousands_sep_result<wchar_t>;
template FMT_API auto decimal_point_impl(locale_ref) -> wchar_t;
template FMT_API void buffer<wchar_t>::append(const wchar_t*, const wchar_t*);

}  // namespace detail
FMT_END_NAMESPACE
