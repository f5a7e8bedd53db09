"""A stand-in for a HubSpot portal, on loopback, for testing `accord crm apply`.

Usage: python3 hubspot_standin.py TOKEN

It prints the port it listens on, then serves the CRM v3 calls Accord makes: it keeps the
portal's state (property groups, contact properties with HubSpot's own hs_lead_status,
deal pipelines) as HubSpot does, answers 401 to a wrong token, 404 to what is missing and 409
to what exists, and checks every body with HubSpot's official models (check_hubspot.py),
answering 400 with the model's words when one is refused.

For the test it also answers, with the token: GET /__standin/log (each call received, in
order), GET /__standin/state, and POST /__standin/fail {"method", "path", "after"}: the
matching call after `after` successful ones answers 400.
"""

import copy
import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from check_hubspot import check_body

TOKEN = sys.argv[1]
LOCK = threading.Lock()
LOG = []
FAIL = {}
STATE = {
    "groups": {"contactinformation": {"name": "contactinformation", "label": "Contact information", "displayOrder": 0, "archived": False}},
    "properties": {
        "hs_lead_status": {
            "name": "hs_lead_status",
            "label": "Lead Status",
            "type": "enumeration",
            "fieldType": "radio",
            "groupName": "contactinformation",
            "description": "The contact's sales, prospecting or outreach status",
            "options": [
                {"label": label, "value": value, "displayOrder": order, "hidden": False, "description": ""}
                for order, (value, label) in enumerate(
                    [("NEW", "New"), ("OPEN", "Open"), ("IN_PROGRESS", "In Progress"), ("OPEN_DEAL", "Open Deal"),
                     ("UNQUALIFIED", "Unqualified"), ("ATTEMPTED_TO_CONTACT", "Attempted to Contact"),
                     ("CONNECTED", "Connected"), ("BAD_TIMING", "Bad Timing")]
                )
            ],
            "hidden": False,
            "formField": True,
        }
    },
    "pipelines": [
        {
            "id": "default",
            "label": "Sales Pipeline",
            "displayOrder": 0,
            "archived": False,
            "stages": [
                {"id": "appointmentscheduled", "label": "Appointment Scheduled", "displayOrder": 0,
                 "metadata": {"probability": "0.2", "isClosed": "false"}, "archived": False},
                {"id": "closedwon", "label": "Closed Won", "displayOrder": 1,
                 "metadata": {"probability": "1.0", "isClosed": "true"}, "archived": False},
            ],
        }
    ],
    "next_id": 1000,
}


def new_id():
    STATE["next_id"] += 1
    return str(STATE["next_id"])


def error(status, message, category):
    return status, {"status": "error", "message": message, "category": category, "correlationId": "standin"}


def handle(method, path, body):
    groups, properties, pipelines = STATE["groups"], STATE["properties"], STATE["pipelines"]
    if method != "GET":
        try:
            check_body(method, path, body)
        except (ValueError, TypeError, KeyError) as refused:
            return error(400, f"Property values were not valid: {refused}", "VALIDATION_ERROR")
    m = re.fullmatch(r"/crm/v3/properties/contacts/groups(?:/([A-Za-z0-9_-]+))?", path)
    if m:
        name = m.group(1)
        if method == "GET" and name:
            return (200, groups[name]) if name in groups else error(404, f"group {name} does not exist", "OBJECT_NOT_FOUND")
        if method == "POST" and not name:
            if body["name"] in groups:
                return error(409, f"group {body['name']} already exists", "OBJECT_ALREADY_EXISTS")
            groups[body["name"]] = dict(body, archived=False)
            return 201, groups[body["name"]]
        if method == "PATCH" and name:
            if name not in groups:
                return error(404, f"group {name} does not exist", "OBJECT_NOT_FOUND")
            groups[name].update(body)
            return 200, groups[name]
    m = re.fullmatch(r"/crm/v3/properties/contacts(?:/([A-Za-z0-9_-]+))?", path)
    if m:
        name = m.group(1)
        if method == "GET" and name:
            return (200, properties[name]) if name in properties else error(404, f"property {name} does not exist", "OBJECT_NOT_FOUND")
        if method == "POST" and not name:
            if body["name"] in properties:
                return error(409, f"property {body['name']} already exists", "OBJECT_ALREADY_EXISTS")
            if body["groupName"] not in groups:
                return error(400, f"group {body['groupName']} does not exist", "VALIDATION_ERROR")
            properties[body["name"]] = dict(body, hidden=False)
            return 201, properties[body["name"]]
        if method == "PATCH" and name:
            if name not in properties:
                return error(404, f"property {name} does not exist", "OBJECT_NOT_FOUND")
            properties[name].update(body)
            return 200, properties[name]
    if path == "/crm/v3/pipelines/deals":
        if method == "GET":
            return 200, {"results": pipelines}
        if method == "POST":
            if any(p["label"].lower() == body["label"].lower() for p in pipelines):
                return error(409, f"pipeline {body['label']} already exists", "OBJECT_ALREADY_EXISTS")
            pipeline = dict(body, id=new_id(), archived=False)
            pipeline["stages"] = [dict(stage, id=new_id(), archived=False) for stage in body["stages"]]
            pipelines.append(pipeline)
            return 201, pipeline
    m = re.fullmatch(r"/crm/v3/pipelines/deals/([A-Za-z0-9_-]+)/stages(?:/([A-Za-z0-9_-]+))?", path)
    if m:
        pipeline = next((p for p in pipelines if p["id"] == m.group(1)), None)
        if pipeline is None:
            return error(404, f"pipeline {m.group(1)} does not exist", "OBJECT_NOT_FOUND")
        if method == "POST" and not m.group(2):
            if any(s["label"].lower() == body["label"].lower() for s in pipeline["stages"]):
                return error(409, f"stage {body['label']} already exists", "OBJECT_ALREADY_EXISTS")
            stage = dict(body, id=new_id(), archived=False)
            pipeline["stages"].append(stage)
            return 201, stage
        if method == "PATCH" and m.group(2):
            stage = next((s for s in pipeline["stages"] if s["id"] == m.group(2)), None)
            if stage is None:
                return error(404, f"stage {m.group(2)} does not exist", "OBJECT_NOT_FOUND")
            stage.update(body)
            return 200, stage
    return error(404, f"no such call: {method} {path}", "OBJECT_NOT_FOUND")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def serve(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self.answer(*error(401, "Authentication credentials not found.", "INVALID_AUTHENTICATION"))
        with LOCK:
            if self.path == "/__standin/log":
                return self.answer(200, LOG)
            if self.path == "/__standin/state":
                return self.answer(200, STATE)
            if self.path == "/__standin/fail":
                FAIL.clear()
                FAIL.update(json.loads(raw))
                return self.answer(200, FAIL)
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                return self.answer(*error(400, "Invalid input JSON", "VALIDATION_ERROR"))
            LOG.append({"method": method, "path": self.path, "body": body})
            if FAIL and FAIL["method"] == method and FAIL["path"] == self.path:
                if FAIL["after"] == 0:
                    return self.answer(*error(400, "The stand-in was told to refuse this call", "VALIDATION_ERROR"))
                FAIL["after"] -= 1
            status, answer = handle(method, self.path, body)
            return self.answer(status, copy.deepcopy(answer))

    def do_GET(self):
        self.serve("GET")

    def do_POST(self):
        self.serve("POST")

    def do_PATCH(self):
        self.serve("PATCH")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
