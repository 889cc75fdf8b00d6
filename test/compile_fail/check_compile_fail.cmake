# Compiles SOURCE (-fsyntax-only) and requires it to fail with a first error that contains
# the text of its "// expected error: ..." line: a readable static_assert, not a cascade.
# Run by ctest (test/CMakeLists.txt) with -DCOMPILER=... -DSOURCE=... -DINCLUDES=a;b;...
file(STRINGS "${SOURCE}" expected_lines REGEX "^// expected error: ")
list(GET expected_lines 0 expected)
string(REGEX REPLACE "^// expected error: " "" expected "${expected}")
set(include_flags)
foreach(dir IN LISTS INCLUDES)
  if(dir)
    list(APPEND include_flags "-I${dir}")
  endif()
endforeach()
execute_process(COMMAND "${COMPILER}" -std=c++${STANDARD} -fsyntax-only ${include_flags}
                        "${SOURCE}"
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(result EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but should fail with: ${expected}")
endif()
string(REGEX MATCH "[^\n]*: error: [^\n]*" first_error "${output}")
string(FIND "${first_error}" "${expected}" position)
if(position EQUAL -1)
  message(FATAL_ERROR "the first error is not the expected one\n"
                      "expected: ${expected}\nfirst error: ${first_error}\n${output}")
endif()
message(STATUS "fails as expected: ${first_error}")
