#!/usr/bin/env python3
"""A local stand-in for Feishu's doc portal, for timing `cargo xtask docs fetch`.

Serves GET /document_portal/v1/document/get_detail?fullPath=P with the portal's answer
{code, msg, data: {id, fullPath, title, name, updateTime, content}} built from the pages of
a spec/docs/ folder (their header names fullPath and the update time; content is the page's
body). Prints `listening on http://HOST:PORT` first, then serves until stopped.

usage: portal_stand_in.py DOCS_DIR
"""
import datetime
import http.server
import json
import pathlib
import sys
import urllib.parse

PREFIX = "/document"


def page_answer(text):
    lines = text.split("\n")
    close = {"---": "---", "<!--": "-->"}.get(lines[0].strip())
    if close is None:
        return None
    header, end = {}, None
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == close:
            end = index
            break
        key, _, value = line.partition(":")
        header[key.strip()] = value.strip().strip('"')
    if end is None:
        return None
    full_path = header.get("fullPath")
    url = header.get("source_url") or header.get("source")
    if not full_path and url:
        path = urllib.parse.urlparse(url).path
        full_path = path[len(PREFIX):] if path.startswith(PREFIX + "/") else None
    millis = header.get("updatedAt") or header.get("last_remote_update_timestamp")
    if not millis and header.get("last_remote_update"):
        day = datetime.date.fromisoformat(header["last_remote_update"])
        millis = int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc).timestamp() * 1000)
    if not full_path or not millis:
        return None
    title = header.get("title", "")
    return full_path, {
        "code": 0,
        "msg": "success",
        "data": {"id": "1", "fullPath": full_path, "title": title, "name": title,
                 "updateTime": int(millis), "content": "\n".join(lines[end + 1:])},
    }


def answers(docs):
    found = {}
    for page in sorted(pathlib.Path(docs).iterdir()):
        if page.name == "README.md" or not page.is_file():
            continue
        answer = page_answer(page.read_text(encoding="utf-8"))
        if answer:
            path, body = answer
            # The newest copy of a page is what the portal serves.
            if path not in found or body["data"]["updateTime"] > found[path]["data"]["updateTime"]:
                found[path] = body
    return {path: json.dumps(body, ensure_ascii=False).encode() for path, body in found.items()}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        full_path = urllib.parse.parse_qs(url.query).get("fullPath", [""])[0]
        body = self.server.answers.get(full_path, b'{"code":0,"msg":"success","data":{}}')
        self.send_response(200 if url.path == "/document_portal/v1/document/get_detail" else 404)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.answers = answers(sys.argv[1])
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
