# `make install` (cmake --install <build> --prefix PREFIX, issue 19): the binary in PREFIX/bin; the
# dataset, scenarios and examples in PREFIX/share/decarbfund, where the binary looks for them
# relative to itself (src/runs/locate.hpp: ../share/decarbfund); the Python package in
# PREFIX/${DECARBFUND_PYTHON_INSTALL_DIR}/decarbfund, which finds the same share folder. The MPI
# plugin (with DECARBFUND_MPI) and the serve plugin go to PREFIX/lib/decarbfund (CMakeLists.txt).
install(TARGETS decarbfund RUNTIME DESTINATION bin)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/data/nl" DESTINATION share/decarbfund/data)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/scenarios" "${PROJECT_SOURCE_DIR}/examples" DESTINATION share/decarbfund)
if(DECARBFUND_PYTHON)
  install(TARGETS decarbfund_python LIBRARY DESTINATION "${DECARBFUND_PYTHON_INSTALL_DIR}/decarbfund")
  install(FILES ${decarbfund_python_files} "${PROJECT_BINARY_DIR}/python-install/_paths.py"
          DESTINATION "${DECARBFUND_PYTHON_INSTALL_DIR}/decarbfund")
endif()
