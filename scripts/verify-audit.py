#!/usr/bin/env python3
"""Verify an OpsDeck audit log without OpsDeck: a second implementation of docs/audit.md.

    scripts/verify-audit.py DB [--checkpoints FILE --public-key ed25519:...]

Walks audit_log in id order, recomputes every row's SHA-256 over the canonical encoding,
checks each prev_hash link, each submitted envelope's args_sha256, and, given checkpoints and
a public key, that every checkpoint's signature verifies (with `openssl pkeyutl`) and the row
it names exists and carries its head hash. Exit 0 when intact, 4 otherwise (one line on
stderr), 2 on bad usage. Standard library only, plus the openssl command for signatures.
"""
import argparse, base64, hashlib, json, os, sqlite3, subprocess, sys, tempfile

GENESIS = "0" * 64


def canonical(row):
    out = bytearray(b"opsdeck-audit-v1;")
    for value in row:
        if value is None:
            out += b"-;"
        else:
            data = str(value).encode("utf-8")
            out += str(len(data)).encode() + b":" + data + b";"
    return bytes(out)


def fail(message):
    print(f"verify-audit: {message}", file=sys.stderr)
    sys.exit(4)


def signature_ok(checkpoint, public_key):
    message = "opsdeck-audit-checkpoint-v1;rows={};head={};at_ms={};".format(
        checkpoint["rows"], checkpoint["head"], checkpoint["at_ms"]).encode()
    der = bytes.fromhex("302a300506032b6570032100") + base64.b64decode(public_key[len("ed25519:"):])
    with tempfile.TemporaryDirectory() as tmp:
        paths = {name: os.path.join(tmp, name) for name in ("pub.pem", "msg", "sig")}
        with open(paths["pub.pem"], "w") as f:
            f.write("-----BEGIN PUBLIC KEY-----\n" + base64.b64encode(der).decode() + "\n-----END PUBLIC KEY-----\n")
        with open(paths["msg"], "wb") as f:
            f.write(message)
        with open(paths["sig"], "wb") as f:
            f.write(base64.b64decode(checkpoint["signature"]))
        result = subprocess.run(
            ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", paths["pub.pem"], "-rawin",
             "-in", paths["msg"], "-sigfile", paths["sig"]], capture_output=True)
        return result.returncode == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--checkpoints")
    parser.add_argument("--public-key")
    args = parser.parse_args()
    if bool(args.checkpoints) != bool(args.public_key):
        parser.error("--checkpoints and --public-key go together")

    anchors = {}
    if args.checkpoints:
        with open(args.checkpoints, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                checkpoint = json.loads(line)
                if checkpoint["key"] != args.public_key or not signature_ok(checkpoint, args.public_key):
                    fail(f"checkpoint line {number}: signature does not verify with {args.public_key}")
                anchors.setdefault(checkpoint["rows"], set()).add(checkpoint["head"])

    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    previous_id, previous_hash, submitted = 0, GENESIS, {}
    rows = db.execute("SELECT id, created_at, tenant_id, category, action, envelope_id, actor, payload, prev_hash, hash"
                      " FROM audit_log ORDER BY id")
    for row in rows:
        if row[0] != previous_id + 1:
            fail(f"row {row[0]} follows {previous_id}: rows are missing")
        if row[8] != previous_hash:
            fail(f"row {row[0]}: prev_hash does not match row {previous_id}'s hash")
        if hashlib.sha256(canonical(row[:9])).hexdigest() != row[9]:
            fail(f"row {row[0]}: hash does not match the row's contents")
        if any(head != row[9] for head in anchors.get(row[0], ())):
            fail(f"row {row[0]}: hash is not the one a checkpoint signed")
        if row[4] == "submitted" and row[5] is not None:
            digest = json.loads(row[7]).get("args_sha256")
            if digest:
                submitted[row[5]] = (row[0], digest)
        previous_id, previous_hash = row[0], row[9]
    if anchors and max(anchors) > previous_id:
        fail(f"the log ends at row {previous_id} but a checkpoint signed {max(anchors)} rows: rows were deleted")
    for envelope_id, text in db.execute("SELECT id, envelope FROM outbox"):
        recorded = submitted.get(envelope_id)
        if recorded and hashlib.sha256(text.encode("utf-8")).hexdigest() != recorded[1]:
            fail(f"envelope {envelope_id}'s arguments do not match row {recorded[0]}'s args_sha256")
    print(f"intact: {previous_id} rows, head {previous_hash}" + (f", {len(anchors)} checkpointed states" if anchors else ""))


if __name__ == "__main__":
    main()
