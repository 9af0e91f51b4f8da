"""Stand-in for the AI server: answers its health route on port 9999, and 404 elsewhere."""
from http.server import BaseHTTPRequestHandler, HTTPServer

HEALTH_ROUTE = "/api/v1/health"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == HEALTH_ROUTE else 404)
        self.end_headers()
        self.wfile.write(b"ok" if self.path == HEALTH_ROUTE else b"not found")


if __name__ == "__main__":
    HTTPServer(("0.0.0.0", 9999), Handler).serve_forever()
