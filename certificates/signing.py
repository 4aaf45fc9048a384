"""Digitally signed certificate PDFs (PAdES with pyHanko), and the keys behind them.

Production signs with the key and certificate chain named in the environment:
`CERTIFICATE_SIGNING_KEY` (a PKCS#12 file, or a PEM private key with
`CERTIFICATE_SIGNING_CERT` and optional `CERTIFICATE_SIGNING_CHAIN`), its passphrase in
`CERTIFICATE_SIGNING_PASSPHRASE`. It refuses to sign without them, and never with a demo key.
The demo and the tests make a throw-away CA at first use, named as a demo issuer, under
`CERTIFICATE_DEMO_SIGNING_DIR` (private storage, never committed).

Without a timestamp authority (`CERTIFICATE_TSA_URL`) a signature is PAdES B-B: it proves
who signed and that nothing changed since, with the signing time as the hub's clock said.
With one it is B-T: an outside authority vouches for the time, so the signature can be
trusted after the key's certificate expires or is retired. See README, "Signed certificates".

Key rotation: every certificate that ever signed stays in the published trust list
(`/certificates/signing-keys.pem`: the current chain's root plus `CERTIFICATE_RETIRED_CERTS`),
so certificates signed with a retired key still verify.
"""

import asyncio
import datetime
import fcntl
import functools
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

SIGNATURE_FIELD = "HubSignature"
# Bytes kept in the PDF for the CMS signature (chains of a few RSA-4096 certificates fit).
SIGNATURE_ROOM = 12 * 1024
SIGNATURE_ROOM_WITH_TIMESTAMP = 24 * 1024
# Every demo certificate carries this in its organisation name; production refuses it.
DEMO_MARK = "DEMO issuer, not for production"


# Keys ------------------------------------------------------------------------------------


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"{settings.HUB_NAME} ({DEMO_MARK})"),
        ]
    )


def make_demo_issuer(directory: Path, *, label: str = "demo") -> tuple[Path, Path, Path]:
    """A throw-away CA and a signing certificate it issued: (CA cert, signer key, signer cert).

    EC P-256 keys: small, fast, and accepted by PAdES validators.
    """
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name(f"{settings.HUB_NAME} {label} CA")
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(f"{settings.HUB_NAME} {label} certificate signer"))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = (
        directory / f"{label}-ca.pem",
        directory / f"{label}-signer-key.pem",
        directory / f"{label}-signer.pem",
    )
    paths[0].write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    paths[1].chmod(0o600)
    paths[2].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return paths


def _demo_issuer() -> tuple[Path, Path, Path]:
    """The demo issuer, made once per directory even when several workers start together."""
    directory = Path(settings.CERTIFICATE_DEMO_SIGNING_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    paths = (
        directory / "demo-ca.pem",
        directory / "demo-signer-key.pem",
        directory / "demo-signer.pem",
    )
    with open(directory / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not all(path.exists() for path in paths):
            make_demo_issuer(directory)
    return paths


@dataclass(frozen=True)
class SigningConfiguration:
    signer: signers.SimpleSigner
    trust_roots: tuple[asn1_x509.Certificate, ...]
    is_demo: bool
    source: str


def _load_pem_certificates(path: str | Path) -> list[asn1_x509.Certificate]:
    from pyhanko.keys import load_certs_from_pemder

    return list(load_certs_from_pemder([str(path)]))


def _is_demo(certificate: asn1_x509.Certificate) -> bool:
    return DEMO_MARK in certificate.subject.human_friendly


@cache
def signing_configuration() -> SigningConfiguration:
    """The signer and the trust roots to publish, read once per process."""
    passphrase = (settings.CERTIFICATE_SIGNING_PASSPHRASE or "").encode() or None
    key_path = settings.CERTIFICATE_SIGNING_KEY
    if key_path:
        if str(key_path).lower().endswith((".p12", ".pfx")):
            signer = signers.SimpleSigner.load_pkcs12(
                key_path,
                ca_chain_files=settings.CERTIFICATE_SIGNING_CHAIN or None,
                passphrase=passphrase,
            )
        else:
            if not settings.CERTIFICATE_SIGNING_CERT:
                raise ImproperlyConfigured(
                    "CERTIFICATE_SIGNING_CERT must name the PEM certificate of the signing key."
                )
            signer = signers.SimpleSigner.load(
                key_path,
                settings.CERTIFICATE_SIGNING_CERT,
                ca_chain_files=settings.CERTIFICATE_SIGNING_CHAIN or None,
                key_passphrase=passphrase,
            )
        if signer is None:
            raise ImproperlyConfigured(f"The certificate signing key {key_path} could not be read.")
        source = str(key_path)
    elif settings.CERTIFICATE_DEMO_SIGNING:
        ca_path, key_file, cert_file = _demo_issuer()
        signer = signers.SimpleSigner.load(key_file, cert_file, ca_chain_files=(ca_path,))
        source = f"demo issuer in {ca_path.parent}"
    else:
        raise ImproperlyConfigured(
            "Certificates are signed, and no signing key is configured: set "
            "CERTIFICATE_SIGNING_KEY (and CERTIFICATE_SIGNING_CERT for a PEM key)."
        )
    chain = list(signer.cert_registry)
    is_demo = _is_demo(signer.signing_cert) or any(_is_demo(cert) for cert in chain)
    if is_demo and not settings.CERTIFICATE_DEMO_SIGNING:
        raise ImproperlyConfigured("Refusing to sign production certificates with a demo key.")
    roots = [cert for cert in chain if cert.self_signed] or [signer.signing_cert]
    for path in settings.CERTIFICATE_RETIRED_CERTS:
        roots.extend(_load_pem_certificates(path))
    return SigningConfiguration(
        signer=signer, trust_roots=tuple(roots), is_demo=is_demo, source=source
    )


def published_trust_roots_pem() -> str:
    """What `/certificates/signing-keys.pem` serves: every root a hub signature chains to."""
    from asn1crypto import pem

    return "".join(
        pem.armor("CERTIFICATE", cert.dump()).decode()
        for cert in signing_configuration().trust_roots
    )


# Signing and checking --------------------------------------------------------------------


def outside_any_event_loop(function):
    """pyHanko's synchronous API calls asyncio.run(), which refuses to run inside a running
    event loop (an ASGI server, or Playwright's loop in a test process): there, run it on a
    short-lived thread of its own."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return function(*args, **kwargs)
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(function, *args, **kwargs).result()

    return wrapper


@outside_any_event_loop
def sign_pdf(content: bytes) -> bytes:
    """Sign a rendered certificate (PAdES B-B, or B-T with a timestamp authority)."""
    configuration = signing_configuration()
    tsa = settings.CERTIFICATE_TSA_URL
    pdf_signer = signers.PdfSigner(
        signers.PdfSignatureMetadata(
            field_name=SIGNATURE_FIELD,
            reason=f"Certificate issued by {settings.HUB_NAME}",
            location=settings.CERTIFICATE_SIGNING_LOCATION,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
        ),
        signer=configuration.signer,
        timestamper=timestamps.HTTPTimeStamper(tsa) if tsa else None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    # A fixed room for the signature container spares pyHanko a dry-run signature to measure
    # it (a third of the signing time). A certificate chain and a timestamp token fit easily.
    reserved = SIGNATURE_ROOM_WITH_TIMESTAMP if tsa else SIGNATURE_ROOM
    return pdf_signer.sign_pdf(writer, bytes_reserved=reserved).getvalue()


@dataclass(frozen=True)
class SignatureCheck:
    """What a signature check found, in words a person can act on."""

    signed: bool
    intact: bool = False
    trusted: bool = False
    covers_whole_file: bool = False
    signer: str = ""
    signed_at: datetime.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.signed and self.intact and self.trusted and self.covers_whole_file


@outside_any_event_loop
def check_signature(content: bytes, *, trust_roots=None) -> SignatureCheck:
    """Check a PDF's hub signature against the published trust roots, offline."""
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        embedded = reader.embedded_signatures
    except Exception:  # noqa: BLE001 - any unreadable PDF is simply "not signed"
        return SignatureCheck(signed=False)
    if not embedded:
        return SignatureCheck(signed=False)
    roots = list(trust_roots or signing_configuration().trust_roots)
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    status = validate_pdf_signature(embedded[-1], context)
    return SignatureCheck(
        signed=True,
        intact=status.intact,
        trusted=status.intact and status.valid and status.trusted,
        covers_whole_file=status.coverage.name == "ENTIRE_FILE",
        signer=status.signing_cert.subject.human_friendly if status.signing_cert else "",
        signed_at=status.signer_reported_dt,
    )


def _resolved(value):
    """A PDF object itself, not the indirect reference to it (pyHanko's `.get` keeps those)."""
    return value.get_object() if hasattr(value, "get_object") else value


def embedded_files(content: bytes, *, max_files: int = 20, max_bytes: int = 512 * 1024) -> dict:
    """The files a PDF carries (name → bytes), as its embedded-files name tree lists them:
    a hub certificate carries its Open Badge (`open-badge-<code>.jwt` and `.json`). A PDF
    that cannot be read, or carries none, gives {}."""
    found: dict[str, bytes] = {}
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        tree = _resolved(_resolved(reader.root.get("/Names", {})).get("/EmbeddedFiles"))
        nodes = [tree] if tree is not None else []
        while nodes and len(found) < max_files:
            node = _resolved(nodes.pop())
            nodes.extend(node.get("/Kids", []))
            pairs = list(node.get("/Names", []))
            for name, spec in zip(pairs[::2], pairs[1::2], strict=False):
                stream = _resolved(_resolved(_resolved(spec).get("/EF", {})).get("/F"))
                if stream is None:
                    continue
                data = stream.data
                if len(data) <= max_bytes:
                    found[str(name)] = data
    except Exception:  # noqa: BLE001 - an unreadable PDF simply carries nothing we can read
        return found
    return found
