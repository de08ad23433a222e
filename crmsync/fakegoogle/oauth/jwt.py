"""Signing the emulator's ID tokens, and publishing the keys that check them.

Google signs ID tokens with RS256 and publishes its keys twice: as a JWK set
(``/oauth2/v3/certs``) and as PEM X.509 certificates keyed by ``kid`` (``/oauth2/v1/certs``,
the format google-auth's ``id_token.verify_token`` reads without PyJWT). With the
``cryptography`` package the emulator does the same; without it, it falls back to HS256
with a random secret and publishes no usable key (nobody can verify, as nobody checks).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import secrets
from typing import Any

try:  # an optional dependency: present wherever google-auth[crypto] or oauthlib's extras are
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa
    from cryptography.x509.oid import NameOID

    HAVE_CRYPTOGRAPHY = True
except ImportError:  # pragma: no cover - exercised only on bare installs
    HAVE_CRYPTOGRAPHY = False


def b64url(data: bytes) -> str:
    """Base64url without padding, as JOSE wants it."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _int_b64(value: int) -> str:
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


class TokenSigner:
    """One signing key: signs JWTs and describes its public half."""

    def __init__(self, private_pem: str | None = None) -> None:
        self.algorithm = "RS256" if HAVE_CRYPTOGRAPHY else "HS256"
        if HAVE_CRYPTOGRAPHY:
            if private_pem:
                key = serialization.load_pem_private_key(private_pem.encode(), password=None)
                assert isinstance(key, rsa.RSAPrivateKey)
                self._key = key
            else:
                self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            der = self._key.public_key().public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            self.kid = hashlib.sha1(der).hexdigest()  # Google's kids are 40 hex digits too
            self._certificate: str | None = None
        else:
            self._secret = (private_pem or secrets.token_hex(32)).encode()
            self.kid = hashlib.sha1(self._secret).hexdigest()

    def private_pem(self) -> str:
        """The key in a form ``TokenSigner(private_pem)`` takes back (for the state file)."""
        if not HAVE_CRYPTOGRAPHY:
            return self._secret.decode()
        return self._key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()

    def sign(self, claims: dict[str, Any]) -> str:
        header = {"alg": self.algorithm, "kid": self.kid, "typ": "JWT"}
        signing_input = (
            b64url(json.dumps(header, separators=(",", ":")).encode())
            + "."
            + b64url(json.dumps(claims, separators=(",", ":")).encode())
        ).encode("ascii")
        if HAVE_CRYPTOGRAPHY:
            signature = self._key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
        else:
            signature = hmac.new(self._secret, signing_input, hashlib.sha256).digest()
        return signing_input.decode("ascii") + "." + b64url(signature)

    def jwks(self) -> dict[str, Any]:
        """The JWK set of ``/oauth2/v3/certs`` (empty when the key is a shared secret)."""
        if not HAVE_CRYPTOGRAPHY:
            return {"keys": []}
        numbers = self._key.public_key().public_numbers()
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "alg": "RS256",
                    "use": "sig",
                    "kid": self.kid,
                    "n": _int_b64(numbers.n),
                    "e": _int_b64(numbers.e),
                }
            ]
        }

    def pem_certificates(self) -> dict[str, str]:
        """``{kid: PEM certificate}`` as ``/oauth2/v1/certs`` serves them."""
        if not HAVE_CRYPTOGRAPHY:
            return {}
        if self._certificate is None:
            self._certificate = self._self_signed_certificate()
        return {self.kid: self._certificate}

    def _self_signed_certificate(self) -> str:
        name = x509.Name(
            [x509.NameAttribute(NameOID.COMMON_NAME, "securetoken.system.gserviceaccount.com")]
        )
        # Valid around the real clock and far beyond it: the emulator clock only moves forward.
        now = datetime.datetime.now(datetime.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self._key.public_key())
            .serial_number(int(self.kid[:16], 16))
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .sign(self._key, hashes.SHA256())
        )
        return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def access_token_hash(access_token: str) -> str:
    """OpenID's ``at_hash``: the left half of the SHA-256 of the access token."""
    digest = hashlib.sha256(access_token.encode("ascii")).digest()
    return b64url(digest[: len(digest) // 2])
