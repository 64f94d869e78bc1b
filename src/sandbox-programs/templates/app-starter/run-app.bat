@echo off
rem Starts this app on your computer: installs its dependencies the first time, then runs it.
rem Double-click it; keep the window open while you use the app (Ctrl+C stops it).
setlocal
cd /d "%~dp0"

where npm >nul 2>nul
if errorlevel 1 (
  echo This app needs Node.js 20 or newer ^(it comes with npm^): https://nodejs.org
  pause
  exit /b 1
)

if not exist node_modules (
  echo Installing the dependencies ^(first run only^)...
  call npm install
  if errorlevel 1 (
    echo npm install failed: see the messages above.
    pause
    exit /b 1
  )
)

if "%PORT%"=="" set PORT=3000
echo Starting the app: open http://localhost:%PORT% in your browser. Press Ctrl+C to stop.
call npm run dev
pause
