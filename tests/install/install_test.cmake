# ctest install.from_empty_folder (issue 19 "runs from anywhere"): installs the build into a
# temporary prefix (`cmake --install`, as `make install PREFIX=…` does), then from an empty folder,
# with neither $DECARBFUND_DATA nor $DECARBFUND_SCENARIOS set:
#   - `decarbfund outlook` finds the installed dataset and default scenario and says so on stderr;
#   - `--scenario coalition-2023` and the docs' `compare scenarios/….yaml …` resolve in the share folder;
#   - `decarbfund serve` finds its plugin in PREFIX/lib/decarbfund (its help is the plugin's);
#   - `import decarbfund` from PREFIX/<python dir> runs an outlook on the installed dataset.
# Inputs: BUILD_DIR, WORK_DIR, PYTHON (empty: no Python package), PYTHON_DIR.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/empty")
set(prefix "${WORK_DIR}/prefix")
set(clean_env "${CMAKE_COMMAND}" -E env --unset=DECARBFUND_DATA --unset=DECARBFUND_SCENARIOS --unset=PYTHONPATH)

function(run name)
  execute_process(COMMAND ${clean_env} ${ARGN} WORKING_DIRECTORY "${WORK_DIR}/empty"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name} failed (${rc}):\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

function(expect text what where)
  string(FIND "${where}" "${text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${what}: expected to find\n  ${text}\nin\n${where}")
  endif()
endfunction()

execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}\n${err}")
endif()
foreach(f bin/decarbfund lib/decarbfund/libdecarbfund_serve.so share/decarbfund/data/nl/dataset.yaml share/decarbfund/scenarios/coalition-2023.yaml
          share/decarbfund/examples/rounds/fcfs.yaml)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "not installed: ${prefix}/${f}")
  endif()
endforeach()

run("decarbfund outlook" "${prefix}/bin/decarbfund" outlook)
expect("decarbfund outlook — dataset nl" "outlook's report" "${out}")
expect("decarbfund: dataset ${prefix}/share/decarbfund/data/nl (installed)" "outlook's stderr" "${err}")
expect("decarbfund: scenario ${prefix}/share/decarbfund/scenarios/belastingplan-2026.yaml (default, installed)"
       "outlook's stderr" "${err}")

run("outlook --scenario coalition-2023" "${prefix}/bin/decarbfund" outlook --scenario coalition-2023 --quiet
    --json o.json)
file(READ "${WORK_DIR}/empty/o.json" doc)
expect("\"scenario\": \"coalition-2023\"" "o.json" "${doc}")

run("decarbfund serve --help" "${prefix}/bin/decarbfund" serve --help)
expect("--tokens TEXT" "serve's help, from its plugin" "${out}")

run("compare" "${prefix}/bin/decarbfund" compare scenarios/coalition-2023.yaml scenarios/belastingplan-2026.yaml)
# The dataset's version as the installed dataset.yaml states it.
file(STRINGS "${prefix}/share/decarbfund/data/nl/dataset.yaml" version_line REGEX "^version:")
string(REGEX REPLACE "^version: *\"?([^\"]*)\"?.*$" "\\1" dataset_version "${version_line}")
expect("decarbfund compare — dataset nl ${dataset_version}, 2 scenarios" "compare's report" "${out}")

if(PYTHON)
  # The script is a file: a CMake list would split an inline one at its semicolons.
  file(WRITE "${WORK_DIR}/outlook.py"
       "import decarbfund\n"
       "o = decarbfund.outlook('coalition-2023')\n"
       "print(decarbfund.__file__)\n"
       "print(o.summary['meta.scenario'], len(o.by_year))\n")
  run("import decarbfund" "${CMAKE_COMMAND}" -E env "PYTHONPATH=${prefix}/${PYTHON_DIR}" "${PYTHON}"
      "${WORK_DIR}/outlook.py")
  expect("${prefix}/${PYTHON_DIR}/decarbfund/__init__.py" "the imported package" "${out}")
  expect("coalition-2023 31" "the Python outlook" "${out}")
  expect("decarbfund: dataset ${prefix}/share/decarbfund/data/nl (installed)" "Python's stderr" "${err}")
endif()
file(GLOB left RELATIVE "${WORK_DIR}/empty" "${WORK_DIR}/empty/*")
if(NOT left STREQUAL "o.json")
  message(FATAL_ERROR "the runs wrote into the folder they ran in: ${left}")
endif()
message(STATUS "installed into ${prefix}; outlook, compare and import decarbfund work from an empty folder")
