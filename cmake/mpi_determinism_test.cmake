# ctest script (CMakeLists.txt, DECARBFUND_MPI=ON): `decarbfund montecarlo` under `mpirun -np 1`
# and `mpirun -np 2` must write byte-identical JSON (DESIGN §5, docs/uncertainty.md).
# Inputs: MPIEXEC, BINARY, SOURCE_DIR, WORK_DIR.
file(MAKE_DIRECTORY "${WORK_DIR}")
foreach(np 1 2)
  execute_process(
    COMMAND "${MPIEXEC}" --allow-run-as-root --oversubscribe -np ${np} "${BINARY}" montecarlo
            --data "${SOURCE_DIR}/data/nl" --scenario "${SOURCE_DIR}/scenarios/belastingplan-2026.yaml"
            --draws 200 --seed 7 --threads 1 --quiet --json "${WORK_DIR}/np${np}.json"
    RESULT_VARIABLE rc
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "mpirun -np ${np} failed (${rc}):\n${out}\n${err}")
  endif()
endforeach()
execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${WORK_DIR}/np1.json" "${WORK_DIR}/np2.json"
                RESULT_VARIABLE differ)
if(NOT differ EQUAL 0)
  message(FATAL_ERROR "montecarlo JSON differs between 1 and 2 MPI ranks: ${WORK_DIR}/np1.json vs np2.json")
endif()
message(STATUS "1 and 2 ranks: identical JSON")
