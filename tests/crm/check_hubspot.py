"""Reads each body of an Accord HubSpot plan with HubSpot's official Python client.

Usage: python3 check_hubspot.py DIR [DIR ...]   (each DIR holds a plan.json)

Every call's body is built into the client's own model for that call (PropertyGroupCreate,
PropertyCreate, PropertyUpdate, PipelineInput, PipelineStageInput, ...), with
`client_side_validation` switched on: the models then check required fields and enumerations
(they do not when it is off, their default). A key the model does not know is an error too.
Exit 1 with the call named on the first body the client refuses.
"""

import json
import sys

from hubspot.crm.pipelines import Configuration as PipelinesConfiguration
from hubspot.crm.pipelines.models import PipelineInput, PipelinePatchInput, PipelineStageInput, PipelineStagePatchInput
from hubspot.crm.properties import Configuration as PropertiesConfiguration
from hubspot.crm.properties.models import PropertyCreate, PropertyGroupCreate, PropertyGroupUpdate, PropertyUpdate

PROPERTIES = PropertiesConfiguration()
PROPERTIES.client_side_validation = True
PIPELINES = PipelinesConfiguration()
PIPELINES.client_side_validation = True


def build(model, data, configuration):
    """`data` (HubSpot's JSON) as an instance of `model`, nested models included."""
    if not isinstance(data, dict):
        raise ValueError(f"{model.__name__}: expected an object, got {data!r}")
    by_json = {json_key: name for name, json_key in model.attribute_map.items()}
    kwargs = {}
    for key, value in data.items():
        if key not in by_json:
            raise ValueError(f"{model.__name__} has no field {key!r}")
        name = by_json[key]
        kind = model.openapi_types[name]
        if kind.startswith("list[") and kind[5:-1][0].isupper():
            inner = nested(kind[5:-1])
            value = [build(inner, item, configuration) for item in value]
        kwargs[name] = value
    return model(local_vars_configuration=configuration, **kwargs)


def nested(name):
    import hubspot.crm.pipelines.models as pipelines
    import hubspot.crm.properties.models as properties

    for module in (properties, pipelines):
        if hasattr(module, name):
            return getattr(module, name)
    raise ValueError(f"no model {name}")


def model_for(method, path):
    parts = path.strip("/").split("/")
    if parts[:3] != ["crm", "v3", "properties"] and parts[:3] != ["crm", "v3", "pipelines"]:
        raise ValueError(f"not a CRM v3 properties or pipelines path: {path}")
    if parts[2] == "properties":
        rest = parts[4:]
        if rest == ["groups"] and method == "POST":
            return PropertyGroupCreate, PROPERTIES
        if len(rest) == 2 and rest[0] == "groups" and method == "PATCH":
            return PropertyGroupUpdate, PROPERTIES
        if rest == [] and method == "POST":
            return PropertyCreate, PROPERTIES
        if len(rest) == 1 and method == "PATCH":
            return PropertyUpdate, PROPERTIES
    else:
        rest = parts[4:]
        if rest == [] and method == "POST":
            return PipelineInput, PIPELINES
        if len(rest) == 1 and method == "PATCH":
            return PipelinePatchInput, PIPELINES
        if len(rest) == 2 and rest[1] == "stages" and method == "POST":
            return PipelineStageInput, PIPELINES
        if len(rest) == 3 and rest[1] == "stages" and method == "PATCH":
            return PipelineStagePatchInput, PIPELINES
    raise ValueError(f"no HubSpot call {method} {path}")


def check_body(method, path, body):
    """Builds `body` into the model for `method path`, raising ValueError when it is refused."""
    model, configuration = model_for(method, path)
    build(model, body, configuration)
    # What HubSpot's server requires beyond the models, as its documentation states it.
    if model is PropertyCreate:
        name = body["name"]
        if not (name[:1].isalpha() and name == name.lower() and all(c.isalnum() or c == "_" for c in name)):
            raise ValueError(f"property name {name!r}: lowercase letters, digits and _ only, starting with a letter")
        if body["type"] in ("enumeration", "bool") and not body.get("options"):
            raise ValueError(f"property {name}: an {body['type']} property needs options")
    if model in (PipelineInput, PipelineStageInput, PipelineStagePatchInput):
        stages = body.get("stages", [body])
        labels = [s["label"].strip().lower() for s in stages]
        if len(set(labels)) != len(labels):
            raise ValueError(f"two stages share a label: {labels}")
        for stage in stages:
            probability = float(stage["metadata"]["probability"])
            if not 0.0 <= probability <= 1.0:
                raise ValueError(f"stage {stage['label']}: probability {probability} is not between 0 and 1")
            if stage["metadata"].get("isClosed") not in ("true", "false"):
                raise ValueError(f"stage {stage['label']}: isClosed must be 'true' or 'false'")


def main(folders):
    checked = 0
    for folder in folders:
        with open(f"{folder}/plan.json", encoding="utf-8") as file:
            plan = json.load(file)
        if not isinstance(plan, list):
            sys.exit(f"{folder}/plan.json: not a list of calls")
        for index, call in enumerate(plan, start=1):
            if set(call) != {"method", "path", "body", "why"}:
                sys.exit(f"{folder}/plan.json, call {index}: fields {sorted(call)}")
            try:
                check_body(call["method"], call["path"], call["body"])
            except (ValueError, TypeError, KeyError) as error:
                sys.exit(f"{folder}/plan.json, call {index} ({call['method']} {call['path']}): {error}")
            checked += 1
    print(f"{checked} calls read by hubspot-api-client with client-side validation")


if __name__ == "__main__":
    main(sys.argv[1:])
