@echo off
rem posmortem launcher for Windows: Java 17+ from JAVA_HOME, else java on the PATH; the jar from
rem lib\posmortem.jar beside bin\ (an install) or target\posmortem.jar (a checkout). Runs the JVM for a
rem short command-line run (C1 only, serial GC, 512 MB heap at most) with VM messages on stderr.
rem No class-data archive here (bin/posmortem keeps one). POSMORTEM_JAVA_OPTS adds JVM options.
setlocal
set "POSMORTEM_HOME=%~dp0.."
set "POSMORTEM_JAR=%POSMORTEM_HOME%\lib\posmortem.jar"
if not exist "%POSMORTEM_JAR%" set "POSMORTEM_JAR=%POSMORTEM_HOME%\target\posmortem.jar"
if not exist "%POSMORTEM_JAR%" (
  echo posmortem: no posmortem.jar in %POSMORTEM_HOME%\lib or %POSMORTEM_HOME%\target ^(in a checkout: mvn -B -ntp -q package -DskipTests^) 1>&2
  exit /b 127
)
set "POSMORTEM_JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "POSMORTEM_JAVA=%JAVA_HOME%\bin\java.exe"
"%POSMORTEM_JAVA%" -version >nul 2>&1
if errorlevel 1 (
  echo posmortem: no Java found: install Java 17 or later, or set JAVA_HOME to one 1>&2
  exit /b 127
)
set "POSMORTEM_SHORT=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms64m -Xmx512m -XX:MetaspaceSize=128m"
if /i "%~1"=="serve" set "POSMORTEM_SHORT="
if /i "%~1"=="verify" set "POSMORTEM_SHORT="
"%POSMORTEM_JAVA%" -XX:+DisplayVMOutputToStderr -Xlog:disable -Xlog:all=warning:stderr %POSMORTEM_SHORT% %POSMORTEM_JAVA_OPTS% -jar "%POSMORTEM_JAR%" %*
exit /b %ERRORLEVEL%
