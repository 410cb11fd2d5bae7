@echo off
rem Runs the Doorstep vault command line (support staff, automation) from the installed product:
rem   doorstep-cli status      doorstep-cli --help      doorstep-cli import --help
rem Needs a Java runtime >= 21 (JAVA_HOME, the PATH, or the usual install folders), found as
rem doorstep.cmd finds it. Data folder: --data DIR, else %DOORSTEP_DATA%, else %USERPROFILE%\.doorstep.
setlocal EnableDelayedExpansion
set "HERE=%~dp0"

set "JAVA="
if defined JAVA_HOME call :try "%JAVA_HOME%\bin\java.exe"
if not defined JAVA for /f "delims=" %%J in ('where java 2^>nul') do if not defined JAVA call :try "%%J"
if not defined JAVA for /d %%D in ("%ProgramFiles%\Eclipse Adoptium\*" "%ProgramFiles%\Java\*" "%ProgramFiles%\Microsoft\jdk-*" "%ProgramFiles%\Zulu\*") do if not defined JAVA call :try "%%D\bin\java.exe"
if not defined JAVA (
  echo doorstep: needs Java 21 or newer and found none; install a JDK 21+ ^(for example Temurin^) or set JAVA_HOME to one 1>&2
  exit /b 1
)

rem Bundles as the product lays them out: plugins\<symbolic name>_<version>.jar; of several versions the
rem last in name order is taken.
set "CP="
call :need "Doorstep command line" "org.doorstep.cli_*.jar" || exit /b 1
call :need "Doorstep vault" "org.doorstep.vault_*.jar" || exit /b 1
call :need "Doorstep domain" "org.doorstep.domain_*.jar" || exit /b 1
rem Derby as one bundle; until that bundle ships, the plain Derby jars
call :add "org.doorstep.derby_*.jar"
if not defined FOUND call :addall "derby*.jar"
if not defined FOUND (
  echo doorstep: the product is incomplete: no Derby jar ^(org.doorstep.derby_*.jar^) under %HERE%plugins 1>&2
  exit /b 1
)
call :need "Bouncy Castle" "bcprov_*.jar" "bcprov-jdk18on*.jar" || exit /b 1
call :need "Jackson databind" "com.fasterxml.jackson.core.jackson-databind_*.jar" "jackson-databind*.jar" || exit /b 1
call :need "Jackson core" "com.fasterxml.jackson.core.jackson-core_*.jar" "jackson-core*.jar" || exit /b 1
call :need "Jackson annotations" "com.fasterxml.jackson.core.jackson-annotations_*.jar" "jackson-annotations*.jar" || exit /b 1

call :need "Doorstep field layer" "org.doorstep.fieldwork_*.jar" || exit /b 1
call :need "Doorstep sync" "offline-sync_*.jar" || exit /b 1
call :need "Doorstep laptop sync service" "org.doorstep.sync.vault_*.jar" || exit /b 1
call :need "Bouncy Castle PKIX" "bcpkix_*.jar" || exit /b 1
call :need "Bouncy Castle utilities" "bcutil_*.jar" || exit /b 1
rem the capture engines and their libraries (photo-check, finger-score, scans), OpenCV's natives from this
rem platform's fragment
for %B in (org.doorstep.capture org.doorstep.photo org.doorstep.fingerprint org.doorstep.opencv org.doorstep.sourceafis it.unimi.dsi.fastutil com.google.gson org.apache.commons.commons-io slf4j.api slf4j.jdk14 com.fasterxml.jackson.dataformat.jackson-dataformat-cbor org.apache.pdfbox org.apache.pdfbox.io org.apache.pdfbox.fontbox org.apache.commons.commons-logging org.doorstep.opencv.win32.x86_64) do call :add "%B_*"

"%JAVA%" -Djava.awt.headless=true -cp "!CP!" org.doorstep.cli.VaultCli %*
exit /b %ERRORLEVEL%

:need
rem :need "what" pattern [other pattern]: adds the last jar matching the first pattern that matches any
call :add "%~2"
if not defined FOUND if not "%~3"=="" call :add "%~3"
if defined FOUND exit /b 0
echo doorstep: the product is incomplete: no %~1 jar under %HERE%plugins 1>&2
exit /b 1

:add
set "FOUND="
for %%J in ("%HERE%plugins\%~1") do set "FOUND=%%~fJ"
if not defined FOUND exit /b 0
if defined CP (set "CP=!CP!;!FOUND!") else set "CP=!FOUND!"
exit /b 0

:addall
set "FOUND="
for %%J in ("%HERE%plugins\%~1") do (
  set "FOUND=%%~fJ"
  if defined CP (set "CP=!CP!;%%~fJ") else set "CP=%%~fJ"
)
exit /b 0

:try
if not exist "%~1" exit /b 0
set "MAJOR="
rem in single quotes: a command; no quotes after the program's, or cmd /c strips the wrong ones
for /f "tokens=3" %%V in ('"%~1" -XshowSettings:properties -version 2^>^&1 ^| findstr java.specification.version') do set "MAJOR=%%V"
if not defined MAJOR exit /b 0
for /f "delims=." %%M in ("!MAJOR!") do set "MAJOR=%%M"
if !MAJOR! GEQ 21 set "JAVA=%~1"
exit /b 0
