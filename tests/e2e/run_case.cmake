# Runs the sovaudit binary once and compares exit code, stdout and stderr with expectations.
# With SOVAUDIT_UPDATE_GOLDEN=1 in the environment the expected files are rewritten instead.
set(args ${ARGS})
execute_process(COMMAND ${BINARY} ${args}
  RESULT_VARIABLE exit_code OUTPUT_VARIABLE out ERROR_VARIABLE err)
# Output is deterministic: a second run must give the same bytes.
execute_process(COMMAND ${BINARY} ${args}
  RESULT_VARIABLE exit_code_again OUTPUT_VARIABLE out_again ERROR_VARIABLE err_again)
if(NOT "${out}" STREQUAL "${out_again}" OR NOT "${err}" STREQUAL "${err_again}"
   OR NOT "${exit_code}" STREQUAL "${exit_code_again}")
  message(SEND_ERROR "two runs differ")
endif()

set(failed FALSE)
if(NOT "${exit_code}" STREQUAL "${EXPECT_EXIT}")
  message(SEND_ERROR "exit code ${exit_code}, expected ${EXPECT_EXIT}\n--- stdout\n${out}\n--- stderr\n${err}")
  set(failed TRUE)
endif()

function(compare_stream label actual expected_file)
  if(NOT expected_file)
    return()
  endif()
  if("$ENV{SOVAUDIT_UPDATE_GOLDEN}" STREQUAL "1" AND NOT expected_file MATCHES "/empty$")
    file(WRITE ${expected_file} "${actual}")
    return()
  endif()
  file(READ ${expected_file} expected)
  if(NOT "${actual}" STREQUAL "${expected}")
    file(WRITE ${ACTUAL_DIR}/${label}.txt "${actual}")
    execute_process(COMMAND diff -u ${expected_file} ${ACTUAL_DIR}/${label}.txt OUTPUT_VARIABLE delta)
    message(SEND_ERROR "${label} differs from ${expected_file}:\n${delta}")
  endif()
endfunction()

compare_stream(stdout "${out}" "${EXPECT_STDOUT}")
compare_stream(stderr "${err}" "${EXPECT_STDERR}")
