@echo off
rem Runs the `backprop` command from this checkout, from cmd or PowerShell (.\backprop.cmd): what ./backprop
rem does, without bash. The first time, it publishes the command (Release, ReadyToRun: compiled ahead of time
rem for this machine) into lib\Backprop.Cli\bin\launcher; after that it runs it without rebuilding. Delete that
rem directory to pick up changes to the code. Where the ReadyToRun compiler cannot be had (offline, say), it
rem falls back to a plain Release build.
setlocal
rem The runtime settings the command runs with, the same as ./backprop's: the processes that run cells
rem (kernel, notebooks) get the kernel's (kernel.json's env), everything else (train, gradcheck) its own.
set "cells="
if /i "%~1"=="kernel" set "cells=1"
if /i "%~1"=="notebooks" set "cells=1"
if defined cells (
  if not defined DOTNET_GCgen0size set "DOTNET_GCgen0size=0x4000000"
  if not defined DOTNET_GCLOHThreshold set "DOTNET_GCLOHThreshold=0x2000000"
) else (
  if not defined DOTNET_GCgen0size set "DOTNET_GCgen0size=0xC00000"
)
set "root=%~dp0"
set "out=%root%lib\Backprop.Cli\bin\launcher"
set "dll=%out%\Backprop.Cli.dll"
set "built=%root%lib\Backprop.Cli\bin\Release\net10.0\Backprop.Cli.dll"
if exist "%dll%" goto run
dotnet publish "%root%lib\Backprop.Cli\Backprop.Cli.csproj" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o "%out%" --nologo -v quiet 1>&2
if not errorlevel 1 goto run
if exist "%out%" rmdir /s /q "%out%"
echo backprop: the ReadyToRun publish failed; using a plain Release build 1>&2
if not exist "%built%" dotnet build "%root%lib\Backprop.Cli\Backprop.Cli.csproj" -c Release --nologo -v quiet 1>&2
set "dll=%built%"
:run
dotnet "%dll%" %*
exit /b %ERRORLEVEL%
