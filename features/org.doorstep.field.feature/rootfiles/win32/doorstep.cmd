@echo off
rem Starts the Doorstep field product on Windows. Needs a Java runtime >= 21 (JAVA_HOME, the PATH,
rem or the usual install folders). Options: --lang zh_CN^|en (default zh_CN), --data DIR.
setlocal EnableDelayedExpansion
set "HERE=%~dp0"
set "LANG_ARG=zh_CN"
if defined DOORSTEP_LANG set "LANG_ARG=%DOORSTEP_LANG%"
set "DATA=%USERPROFILE%\.doorstep"
if defined DOORSTEP_DATA set "DATA=%DOORSTEP_DATA%"
set "REST="
:args
if "%~1"=="" goto argsdone
if "%~1"=="--lang" ( set "LANG_ARG=%~2" & shift & shift & goto args )
if "%~1"=="--data" ( set "DATA=%~2" & shift & shift & goto args )
set REST=!REST! %1
shift
goto args
:argsdone

set "JAVA="
if defined JAVA_HOME call :try "%JAVA_HOME%\bin\java.exe"
if not defined JAVA for /f "delims=" %%J in ('where java 2^>nul') do if not defined JAVA call :try "%%J"
if not defined JAVA for /d %%D in ("%ProgramFiles%\Eclipse Adoptium\*" "%ProgramFiles%\Java\*" "%ProgramFiles%\Microsoft\jdk-*" "%ProgramFiles%\Zulu\*") do if not defined JAVA call :try "%%D\bin\java.exe"
if not defined JAVA (
  echo Doorstep needs Java 21 or newer and found none. 1>&2
  echo Install a JDK 21+ ^(for example Temurin^) or set JAVA_HOME to one, then start Doorstep again. 1>&2
  exit /b 1
)
set "LAUNCHER="
for %%L in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%~fL"
if not defined LAUNCHER ( echo Doorstep is incomplete: no equinox launcher jar under %HERE%plugins. 1>&2 & exit /b 1 )
if not exist "%DATA%" mkdir "%DATA%"
"%JAVA%" -Xmx1g --enable-native-access=ALL-UNNAMED -Dosgi.requiredJavaVersion=21 "-Ddoorstep.data=%DATA%" "-Dorg.bytedeco.javacpp.cachedir=%DATA%\javacpp" -jar "%LAUNCHER%" -configuration "%DATA%\configuration" -data "%DATA%\workspace" -nl %LANG_ARG% !REST!
exit /b %ERRORLEVEL%

:try
if not exist "%~1" exit /b 0
set "MAJOR="
for /f "tokens=3" %%V in ('"%~1" -XshowSettings:properties -version 2^>^&1 ^| findstr java.specification.version') do set "MAJOR=%%V"
if not defined MAJOR exit /b 0
for /f "delims=." %%M in ("!MAJOR!") do set "MAJOR=%%M"
if !MAJOR! GEQ 21 set "JAVA=%~1"
exit /b 0
