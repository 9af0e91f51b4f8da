"""Stand-in for the AI server: answers its health route on port 9999, and 404 elsewhere."""
from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        healthy = self.path == "/api/v1/health"
        self.send_response(200 if healthy else 404)
        self.end_headers()
        self.wfile.write(b"ok" if healthy else b"not found")


if __name__ == "__main__":
    HTTPServer(("0.0.0.0", 9999), Handler).serve_forever()
