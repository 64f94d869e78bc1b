#!/bin/sh
# Starts this app on your computer: installs its dependencies the first time, then runs it.
# Double-click it, or run ./run-app.sh; keep the window open while you use the app (Ctrl+C stops it).
set -e
cd "$(dirname "$0")"

if ! command -v npm >/dev/null 2>&1; then
  echo "This app needs Node.js 20 or newer (it comes with npm): https://nodejs.org" >&2
  exit 1
fi

if [ ! -d node_modules ]; then
  echo "Installing the app's dependencies (first run only)..."
  npm install
fi

PORT="${PORT:-3000}"
export PORT
echo "Starting the app: open http://localhost:$PORT in your browser. Press Ctrl+C to stop."
exec npm run dev
