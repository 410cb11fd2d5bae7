@echo off
rem Starts the Doorstep HQ console on Windows. Needs a Java runtime >= 21 (JAVA_HOME, the PATH, or the usual
rem install folders). Options: --lang zh_CN^|en (default zh_CN), --hq-store JDBC-URL (default DOORSTEP_HQ_DB, else
rem the URL in .\hq-data\hq-admin.properties), --hq-data DIR, --data DIR (default %USERPROFILE%\.doorstep-hq-console).
setlocal EnableDelayedExpansion
set "HERE=%~dp0"
set "LANG_ARG=zh_CN"
if defined DOORSTEP_LANG set "LANG_ARG=%DOORSTEP_LANG%"
set "DATA=%USERPROFILE%\.doorstep-hq-console"
if defined DOORSTEP_HQ_CONSOLE_DATA set "DATA=%DOORSTEP_HQ_CONSOLE_DATA%"
set "STORE="
set "HQDATA="
set "REST="
:args
if "%~1"=="" goto argsdone
if "%~1"=="--lang" ( set "LANG_ARG=%~2" & shift & shift & goto args )
if "%~1"=="--hq-store" ( set "STORE=%~2" & shift & shift & goto args )
if "%~1"=="--hq-data" ( set "HQDATA=%~f2" & shift & shift & goto args )
if "%~1"=="--data" ( set "DATA=%~2" & shift & shift & goto args )
set REST=!REST! %1
shift
goto args
:argsdone
if not "%LANG_ARG%"=="en" set "LANG_ARG=zh_CN"

set "JAVA="
if defined JAVA_HOME call :try "%JAVA_HOME%\bin\java.exe"
if not defined JAVA for /f "delims=" %%J in ('where java 2^>nul') do if not defined JAVA call :try "%%J"
if not defined JAVA for /d %%D in ("%ProgramFiles%\Eclipse Adoptium\*" "%ProgramFiles%\Java\*" "%ProgramFiles%\Microsoft\jdk-*" "%ProgramFiles%\Zulu\*") do if not defined JAVA call :try "%%D\bin\java.exe"
if not defined JAVA (
  echo The Doorstep HQ console needs Java 21 or newer and found none. 1>&2
  echo Install a JDK 21+ ^(for example Temurin^) or set JAVA_HOME to one, then start it again. 1>&2
  exit /b 1
)
set "LAUNCHER="
for %%L in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%~fL"
if not defined LAUNCHER ( echo The Doorstep HQ console is incomplete: no equinox launcher jar under %HERE%plugins. 1>&2 & exit /b 1 )
if not exist "%DATA%" mkdir "%DATA%"
set "HQDATA_ARG="
if defined HQDATA set "HQDATA_ARG=-Ddoorstep.hq.data=%HQDATA%"
"%JAVA%" -Xmx512m --enable-native-access=ALL-UNNAMED -Dosgi.requiredJavaVersion=21 "-Ddoorstep.hq.store=%STORE%" %HQDATA_ARG% -jar "%LAUNCHER%" -configuration "%DATA%\configuration" -data "%DATA%\workspace" -nl %LANG_ARG% !REST!
exit /b %ERRORLEVEL%

:try
if not exist "%~1" exit /b 0
set "MAJOR="
for /f "tokens=3" %%V in ('"%~1" -XshowSettings:properties -version 2^>^&1 ^| findstr java.specification.version') do set "MAJOR=%%V"
if not defined MAJOR exit /b 0
for /f "delims=." %%M in ("!MAJOR!") do set "MAJOR=%%M"
if !MAJOR! GEQ 21 set "JAVA=%~1"
exit /b 0
