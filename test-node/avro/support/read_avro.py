"""Decode Avro object container files with Debian's python3-avro, an Avro
implementation we did not write, and print what it read as JSON.

Usage: python3 read_avro.py FILE...  ->  a JSON array, one object per file:
{"meta": {key: str}, "ids": [...], "records": [...]}. Values JSON cannot
carry are tagged: {"$int": "..."} beyond 2^53, {"$bytes": "hex"},
{"$float": "nan"|"inf"|"-inf"}, {"$decimal": "..."}; logical types that
python3-avro converts (date, time-micros, timestamp-micros) are turned back
into their Avro ints/longs. `ids` repeats test-node/avro/support/field-ids.ts
on the schema as Python parsed it. Exits non-zero when `avro` is missing.
"""
import datetime
import decimal
import json
import math
import sys

import avro.schema
from avro.datafile import DataFileReader
from avro.io import DatumReader

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
SAFE = 2**53 - 1


def portable(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return v if -SAFE <= v <= SAFE else {"$int": str(v)}
    if isinstance(v, float):
        if math.isnan(v):
            return {"$float": "nan"}
        if math.isinf(v):
            return {"$float": "inf" if v > 0 else "-inf"}
        return v
    if isinstance(v, bytes):
        return {"$bytes": v.hex()}
    if isinstance(v, decimal.Decimal):
        return {"$decimal": str(v)}
    if isinstance(v, datetime.datetime):
        return portable((v - EPOCH) // datetime.timedelta(microseconds=1))
    if isinstance(v, datetime.date):
        return (v - EPOCH.date()).days
    if isinstance(v, datetime.time):
        return ((v.hour * 60 + v.minute) * 60 + v.second) * 1_000_000 + v.microsecond
    if isinstance(v, list):
        return [portable(x) for x in v]
    if isinstance(v, dict):
        return {k: portable(x) for k, x in v.items()}
    raise TypeError(f"read_avro.py: no portable form for {type(v).__name__}")


def ids(schema, path=""):
    out = []
    if isinstance(schema, avro.schema.UnionSchema):
        for i, branch in enumerate(schema.schemas):
            out += ids(branch, f"{path}/{i}")
    elif isinstance(schema, avro.schema.RecordSchema):
        for field in schema.fields:
            p = f"{path}/{field.name}"
            if field.get_prop("field-id") is not None:
                out.append(f"{p} field-id={field.get_prop('field-id')}")
            out += ids(field.type, p)
    elif isinstance(schema, avro.schema.ArraySchema):
        if schema.get_prop("element-id") is not None:
            out.append(f"{path} element-id={schema.get_prop('element-id')}")
        out += ids(schema.items, f"{path}/items")
    elif isinstance(schema, avro.schema.MapSchema):
        for key in ("key-id", "value-id"):
            if schema.get_prop(key) is not None:
                out.append(f"{path} {key}={schema.get_prop(key)}")
        out += ids(schema.values, f"{path}/values")
    return out


def read(path):
    with open(path, "rb") as f, DataFileReader(f, DatumReader()) as reader:
        records = [portable(r) for r in reader]
        meta = {k: v.decode("utf-8") for k, v in reader.meta.items()}
        return {"meta": meta, "ids": ids(reader.datum_reader.writers_schema), "records": records}


if __name__ == "__main__":
    json.dump([read(p) for p in sys.argv[1:]], sys.stdout, allow_nan=False)
