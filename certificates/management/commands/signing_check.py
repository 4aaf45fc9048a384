"""`manage.py signing_check`: what signs certificates here, and whether a sample signature
verifies against the published keys. Exits non-zero when signing is not usable."""

import hashlib

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Print the certificate signing configuration and check a sample signature."

    def handle(self, *args, **options):
        from weasyprint import HTML

        from certificates.signing import check_signature, sign_pdf, signing_configuration

        try:
            configuration = signing_configuration()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        cert = configuration.signer.signing_cert
        self.stdout.write(f"Key:          {configuration.source}")
        self.stdout.write(f"Signer:       {cert.subject.human_friendly}")
        self.stdout.write(f"Issued by:    {cert.issuer.human_friendly}")
        self.stdout.write(
            f"Valid:        {cert.not_valid_before:%Y-%m-%d} to {cert.not_valid_after:%Y-%m-%d}"
        )
        self.stdout.write(f"SHA-256:      {hashlib.sha256(cert.dump()).hexdigest()}")
        self.stdout.write(
            f"Demo issuer:  {'yes (never in production)' if configuration.is_demo else 'no'}"
        )
        tsa = settings.CERTIFICATE_TSA_URL
        level = f"PAdES B-T, timestamps from {tsa}" if tsa else "PAdES B-B (no timestamp authority)"
        self.stdout.write(f"Level:        {level}")
        self.stdout.write(f"Trust roots:  {len(configuration.trust_roots)} published")
        sample = sign_pdf(HTML(string="<p>Signing check</p>").write_pdf(pdf_variant="pdf/a-3b"))
        check = check_signature(sample)
        if not check.ok:
            raise CommandError(f"The sample signature does not verify: {check}")
        tampered = bytearray(sample)
        tampered[len(tampered) // 3] ^= 0x01
        if check_signature(bytes(tampered)).intact:
            raise CommandError("A changed file still verified: the check is broken.")
        self.stdout.write(
            self.style.SUCCESS("Sample signature verifies; a changed byte breaks it.")
        )
        self._check_open_badges()

    def _check_open_badges(self):
        """The Open Badges key (decision 0004): what signs, what is published, a sample."""
        import jwt

        from certificates.openbadges import badge_signing_configuration, published_jwks

        try:
            configuration = badge_signing_configuration()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Open Badges:  {configuration.algorithm}, key {configuration.source}")
        self.stdout.write(f"Badge kid:    {configuration.kid}")
        self.stdout.write(
            f"Demo key:     {'yes (never in production)' if configuration.is_demo else 'no'}"
        )
        self.stdout.write(f"Badge keys:   {len(configuration.published_keys)} published (JWKS)")
        token = jwt.encode(
            {"sample": "signing check"},
            configuration.private_key,
            algorithm=configuration.algorithm,
            headers={"kid": configuration.kid},
        )
        keys = jwt.PyJWKSet.from_dict(published_jwks())
        try:
            jwt.decode(token, keys[configuration.kid].key, algorithms=[configuration.algorithm])
        except (jwt.PyJWTError, KeyError) as error:
            raise CommandError(f"The sample badge does not verify: {error}") from error
        self.stdout.write(self.style.SUCCESS("Sample badge verifies with the published JWKS."))
