#!/usr/bin/env python3
"""Check a Peer Training Hub certificate or Open Badge offline: no database, no hub website.

What it needs (all public; keep copies, they are what an auditor relies on if the hub moves
or closes):

- the hub's Open Badges public keys, `https://<hub>/.well-known/jwks.json` (current and
  retired keys), saved as a file;
- the status lists, `https://<hub>/certificates/status/1` (revocation) and `/status/2`
  (suspension), saved as files (each is a signed VC-JWT); without them the status is not
  checked, and the script says so;
- for a PDF, the hub's PDF signing certificates, `https://<hub>/certificates/signing-keys.pem`.

Usage:

    python docs/offline_verify.py open-badge-XXXX.jwt --keys jwks.json \\
        --status-list status-1.jwt --status-list status-2.jwt
    python docs/offline_verify.py certificate-XXXX.pdf --keys jwks.json \\
        --signing-keys signing-keys.pem --status-list status-1.jwt --status-list status-2.jwt
    python docs/offline_verify.py audit-packet-N.zip --keys jwks.json

An audit packet (a zip) is checked whole: the manifest's detached JWS with the published
keys, then every file in the zip against the manifest's SHA-256 and size, and nothing in the
zip that the manifest does not list (nor listed and missing).

Options: `--issuer URL` requires the credential's issuer to be exactly that URL (by default
the issuer named by the status lists, when given); `--now 2031-01-01T00:00:00+00:00` checks
the dates as of another moment.

Exit status: 0 valid; 1 genuine but not valid today (expired, revoked, suspended, not yet
valid); 2 not genuine, or not a credential (bad signature, unknown key, other issuer,
unreadable input).

Requires Python 3.11+, PyJWT and cryptography (`pip install pyjwt cryptography`), and
pyHanko for PDFs (`pip install pyhanko`). It shares no code with the hub on purpose: it is a
second, independent reading of the published formats (Open Badges 3.0 VC-JWT, W3C Bitstring
Status List v1.0, PAdES).
"""

import argparse
import base64
import gzip
import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import jwt

MIN_ENTRIES = 131_072
VALID, NOT_VALID, NOT_GENUINE = 0, 1, 2


class NotGenuine(Exception):
    pass


def _b64json(part: str):
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def verify_jwt(token: str, keys: list[dict]) -> tuple[dict, dict]:
    """(claims, key): the signature checked with the published key the header names."""
    token = "".join(token.split())
    parts = token.split(".")
    if len(parts) != 3:
        raise NotGenuine("not a VC-JWT (a compact JWS has three parts separated by dots)")
    try:
        header = _b64json(parts[0])
    except ValueError:
        raise NotGenuine("not a VC-JWT (its header does not decode)") from None
    if header.get("alg") not in ("RS256", "ES256"):
        raise NotGenuine(f"signature algorithm {header.get('alg')!r} is not one the hub uses")
    key = next((k for k in keys if k.get("kid") == header.get("kid")), None)
    if key is None:
        raise NotGenuine("signed with a key that is not in the published key set")
    try:
        claims = jwt.decode(
            token,
            key=jwt.PyJWK(key).key,
            algorithms=[header["alg"]],
            options={"verify_exp": False, "verify_nbf": False, "verify_aud": False},
        )
    except jwt.InvalidSignatureError:
        raise NotGenuine("the signature does not match: the content was changed") from None
    except jwt.PyJWTError as error:
        raise NotGenuine(f"not a valid VC-JWT ({error})") from None
    return claims, key


def read_status_list(path: Path, keys: list[dict]) -> dict:
    claims, _ = verify_jwt(path.read_text(), keys)
    if "BitstringStatusListCredential" not in claims.get("type", []):
        raise NotGenuine(f"{path} is not a Bitstring Status List credential")
    subject = claims["credentialSubject"]
    encoded = subject["encodedList"]
    if not encoded.startswith("u"):
        raise NotGenuine(f"{path}: encodedList is not multibase base64url")
    body = encoded[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    if len(bits) * 8 < MIN_ENTRIES:
        raise NotGenuine(f"{path}: shorter than {MIN_ENTRIES} entries")
    return {
        "id": claims.get("id"),
        "issuer": claims.get("iss"),
        "purpose": subject.get("statusPurpose"),
        "bits": bits,
        "built": claims.get("validFrom", "?"),
        "file": str(path),
    }


def bit(bits: bytes, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise NotGenuine(f"status list index {index} is outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def _when(value):
    if not value:
        return None
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def check_credential(token: str, keys, lists, issuer, now, say) -> int:
    claims, key = verify_jwt(token, keys)
    position = "current" if key is keys[0] else "retired"
    say(f"✓ Signature by the hub's {position} key ({key.get('alg')}, kid {key.get('kid')}): valid")
    named = claims.get("issuer", {})
    named = named.get("id") if isinstance(named, dict) else named
    issuer = issuer or next((item["issuer"] for item in lists), None)
    if issuer is None:
        say(f"- Issuer named: {named} (pass --issuer, or status lists, to require it)")
    elif named != issuer or claims.get("iss") != issuer:
        raise NotGenuine(f"issued by {named!r}, not {issuer!r}")
    else:
        say(f"✓ Issuer: {issuer}")
    name = next(
        (
            i.get("identityHash")
            for i in claims.get("credentialSubject", {}).get("identifier", [])
            if i.get("identityType") == "name" and not i.get("hashed")
        ),
        "",
    )
    say(f"  {claims.get('name', '')} · {name} · {claims.get('id', '')}")
    outcome = VALID
    valid_from, valid_until = _when(claims.get("validFrom")), _when(claims.get("validUntil"))
    if valid_from and valid_from > now:
        say(f"✕ Not valid before {valid_from:%Y-%m-%d}")
        outcome = NOT_VALID
    elif valid_until and valid_until < now:
        say(f"✕ Expired on {valid_until:%Y-%m-%d}")
        outcome = NOT_VALID
    else:
        until = f"until {valid_until:%Y-%m-%d}" if valid_until else "no expiry"
        say(f"✓ Within its validity dates ({until})")
    entries = claims.get("credentialStatus") or []
    entries = [entries] if isinstance(entries, dict) else entries
    if not entries:
        say("- No status entry in the credential (issued before status lists)")
    for entry in entries:
        index = int(entry["statusListIndex"])
        purposes = {entry["statusPurpose"]: entry["statusListCredential"]}
        # The hub puts one index in both lists: the suspension list is read at the same index.
        if entry["statusPurpose"] == "revocation":
            purposes.setdefault("suspension", None)
        for purpose, url in purposes.items():
            found = [
                item
                for item in lists
                if item["purpose"] == purpose and (url is None or item["id"] == url)
            ]
            word = {"revocation": "revoked", "suspension": "suspended"}.get(purpose, purpose)
            if not found:
                say(f"- Not checked whether {word}: no {purpose} status list given")
                continue
            status_list = found[0]
            when = f"status list of {status_list['built']}, {status_list['file']}"
            if bit(status_list["bits"], index):
                say(f"✕ {word.capitalize()} ({when})")
                outcome = NOT_VALID
            else:
                say(f"✓ Not {word} ({when})")
    return outcome


def _resolved(value):
    """A PDF object itself, not the indirect reference to it (pyHanko's `.get` keeps those)."""
    return value.get_object() if hasattr(value, "get_object") else value


def check_pdf(content: bytes, signing_keys: Path | None, say) -> list[str]:
    """The PDF's hub signature, and the Open Badge tokens it carries."""
    from pyhanko.keys import load_certs_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(content), strict=False)
    signatures = reader.embedded_signatures
    if not signatures:
        say("✕ The PDF carries no digital signature")
    elif signing_keys is None:
        say("- PDF signature not checked: pass --signing-keys signing-keys.pem")
    else:
        roots = list(load_certs_from_pemder([str(signing_keys)]))
        status = validate_pdf_signature(
            signatures[-1], ValidationContext(trust_roots=roots, allow_fetching=False)
        )
        whole = status.coverage.name == "ENTIRE_FILE"
        if status.intact and status.valid and status.trusted and whole:
            signer = status.signing_cert.subject.human_friendly
            say(f"✓ PDF signature by {signer}: intact, covers the whole file")
        elif not status.intact:
            raise NotGenuine("the PDF was changed after it was signed")
        else:
            raise NotGenuine("the PDF is not signed by a key in signing-keys.pem")
    tokens = []
    tree = _resolved(_resolved(reader.root.get("/Names", {})).get("/EmbeddedFiles"))
    nodes = [tree] if tree is not None else []
    while nodes:
        node = _resolved(nodes.pop())
        nodes.extend(node.get("/Kids", []))
        pairs = list(node.get("/Names", []))
        for name, spec in zip(pairs[::2], pairs[1::2], strict=False):
            if str(name).endswith(".jwt"):
                tokens.append(_resolved(spec)["/EF"]["/F"].data.decode())
    return tokens


PACKET_MANIFEST, PACKET_SIGNATURE = "manifest.json", "manifest.json.jws"
PACKET_UNLISTED_OK = {PACKET_MANIFEST, PACKET_SIGNATURE, "README.txt"}


def check_packet(path: Path, keys: list[dict], say) -> int:
    """An audit packet: the manifest signed by a published key, every file as listed."""
    import hashlib
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise NotGenuine("not a zip file") from None
    with archive:
        names = set(archive.namelist())
        if PACKET_MANIFEST not in names:
            raise NotGenuine("no manifest.json: not an audit packet")
        manifest_bytes = archive.read(PACKET_MANIFEST)
        if PACKET_SIGNATURE not in names:
            raise NotGenuine("the manifest is not signed (no manifest.json.jws)")
        token = "".join(archive.read(PACKET_SIGNATURE).decode().split())
        parts = token.split(".")
        if len(parts) != 3 or not parts[0] or parts[1]:
            raise NotGenuine("manifest.json.jws is not a detached compact JWS (header..signature)")
        header = _b64json(parts[0])
        key = next((k for k in keys if k.get("kid") == header.get("kid")), None)
        if key is None:
            raise NotGenuine("the manifest is signed with a key that is not in the published set")
        try:
            jwt.api_jws.decode_complete(
                token,
                key=jwt.PyJWK(key).key,
                algorithms=[header.get("alg")],
                detached_payload=manifest_bytes,
            )
        except jwt.PyJWTError:
            raise NotGenuine("the manifest's signature does not match: it was changed") from None
        say(f"✓ manifest.json signed by the hub's key {key['kid']}")
        manifest = json.loads(manifest_bytes)
        listed = {entry["path"]: entry for entry in manifest["files"]}
        problems = []
        for name, entry in listed.items():
            if name not in names:
                problems.append(f"{name} is listed but not in the zip")
                continue
            digest, size = hashlib.sha256(), 0
            with archive.open(name) as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
                    size += len(chunk)
            if digest.hexdigest() != entry["sha256"] or size != entry["size"]:
                problems.append(f"{name} differs from the manifest (changed after packing)")
        for name in sorted(names - set(listed) - PACKET_UNLISTED_OK):
            if not name.endswith("/"):
                problems.append(f"{name} is in the zip but not in the manifest")
        if problems:
            raise NotGenuine("; ".join(problems))
        period = manifest.get("period", {})
        people = ", ".join(p.get("name", "?") for p in manifest.get("people", []))
        say(f"✓ {len(listed)} files match the manifest; nothing unlisted")
        say(f"- Period {period.get('start')} to {period.get('end')}; people: {people}")
    return VALID


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "file", type=Path, help="a .pdf, a .jwt or a file holding a VC-JWT, or an audit packet .zip"
    )
    parser.add_argument("--keys", type=Path, required=True, help="the hub's jwks.json")
    parser.add_argument("--status-list", type=Path, action="append", default=[])
    parser.add_argument("--signing-keys", type=Path, help="signing-keys.pem, for PDFs")
    parser.add_argument("--issuer", help="require exactly this issuer URL")
    parser.add_argument("--now", help="check the dates as of this ISO 8601 moment")
    args = parser.parse_args(argv)

    def say(line: str) -> None:
        print(line)

    try:
        keys = json.loads(args.keys.read_text())["keys"]
        now = _when(args.now) if args.now else datetime.now(UTC)
        lists = [read_status_list(path, keys) for path in args.status_list]
        content = args.file.read_bytes()
        if content.startswith(b"PK\x03\x04"):
            outcome = check_packet(args.file, keys, say)
            say("GENUINE PACKET")
            return outcome
        if content.startswith(b"%PDF-"):
            tokens = check_pdf(content, args.signing_keys, say)
            if not tokens:
                say("- The PDF carries no Open Badge (certificates from before badges)")
                return VALID
            say("The Open Badge inside the PDF:")
            outcome = check_credential(tokens[0], keys, lists, args.issuer, now, say)
        else:
            outcome = check_credential(content.decode(), keys, lists, args.issuer, now, say)
    except NotGenuine as error:
        say(f"✕ NOT GENUINE: {error}")
        return NOT_GENUINE
    except (OSError, ValueError, KeyError, UnicodeDecodeError) as error:
        say(f"✕ Could not read the input: {error}")
        return NOT_GENUINE
    say("VALID" if outcome == VALID else "NOT VALID")
    return outcome


if __name__ == "__main__":
    sys.exit(main())
