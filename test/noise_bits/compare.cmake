# Runs the two builds of test/noise_bits/noise_bits.cpp (-DBASELINE=..., -DNATIVE=...) and
# fails unless they print the same hashes.
execute_process(COMMAND ${BASELINE} OUTPUT_VARIABLE baseline RESULT_VARIABLE baseline_rc)
execute_process(COMMAND ${NATIVE} OUTPUT_VARIABLE native RESULT_VARIABLE native_rc)
if(NOT baseline_rc EQUAL 0 OR NOT native_rc EQUAL 0)
  message(FATAL_ERROR "noise_bits failed: baseline ${baseline_rc}, native ${native_rc}")
endif()
message("x86-64 baseline (SSE2):\n${baseline}-march=native:\n${native}")
if(NOT baseline STREQUAL native)
  message(FATAL_ERROR "the noise's bits depend on -march")
endif()
