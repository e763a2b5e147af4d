# What `cmake --install` puts where, and the Debian package CPack builds from it.
include(GNUInstallDirs)

# The manual page and the completions come from the built binary, so they always match --help.
set(_generated ${PROJECT_BINARY_DIR}/share)
add_custom_command(
  OUTPUT ${_generated}/sovaudit.1.gz ${_generated}/sovaudit.bash ${_generated}/_sovaudit ${_generated}/sovaudit.fish
         ${_generated}/changelog.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${_generated}
  COMMAND sh -c "'$<TARGET_FILE:sovaudit>' manual | gzip -9n > '${_generated}/sovaudit.1.gz'"
  COMMAND sh -c "'$<TARGET_FILE:sovaudit>' completion bash > '${_generated}/sovaudit.bash'"
  COMMAND sh -c "'$<TARGET_FILE:sovaudit>' completion zsh > '${_generated}/_sovaudit'"
  COMMAND sh -c "'$<TARGET_FILE:sovaudit>' completion fish > '${_generated}/sovaudit.fish'"
  COMMAND sh -c "gzip -9nc '${PROJECT_SOURCE_DIR}/packaging/changelog' > '${_generated}/changelog.gz'"
  DEPENDS sovaudit ${PROJECT_SOURCE_DIR}/packaging/changelog
  COMMENT "Generating the manual page and the shell completions"
  VERBATIM)
add_custom_target(sovaudit_generated_share ALL
  DEPENDS ${_generated}/sovaudit.1.gz ${_generated}/sovaudit.bash ${_generated}/_sovaudit ${_generated}/sovaudit.fish)

install(TARGETS sovaudit RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${_generated}/sovaudit.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${_generated}/sovaudit.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME sovaudit)
install(FILES ${_generated}/_sovaudit DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${_generated}/sovaudit.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(FILES ${PROJECT_SOURCE_DIR}/schemas/inventory.schema.json ${PROJECT_SOURCE_DIR}/schemas/report.schema.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/sovaudit/schemas)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/sovaudit/examples
        FILES_MATCHING PATTERN "*.yaml" PATTERN "*.yml")
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/ci.md ${PROJECT_SOURCE_DIR}/docs/hardening.md
              ${PROJECT_SOURCE_DIR}/docs/inventory.md ${PROJECT_SOURCE_DIR}/docs/performance.md
              ${PROJECT_SOURCE_DIR}/docs/reports.md ${PROJECT_SOURCE_DIR}/docs/rules.md
              ${PROJECT_SOURCE_DIR}/docs/scoring.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
# Debian policy: the licence as `copyright`, the changelog compressed, both beside the docs.
install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright ${_generated}/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sovaudit)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "sovaudit maintainers <maintainers@sovaudit.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "audit an organisation's dependencies on AI providers")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "sovaudit reads a YAML inventory of the AI providers an organisation depends\non, the capabilities that need them and the data that flows to them. It scores\nprovider departure and price-shock scenarios, checks jurisdictions and data\nresidency, and writes terminal, Markdown, JSON, SARIF, GitLab and JUnit reports\nfor quarterly reviews and CI gates.")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/sovaudit/sovaudit")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# dpkg-shlibdeps derives the dependencies from the libraries the binary links (libyaml-cpp, libfmt, libstdc++).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_SET_DESTDIR OFF)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
