#!/usr/bin/env python3
"""Distinct certificate piles for `npm run bench` (issue 15): leaves under one RSA (2048) and one EC (P-256) CA, all SHA-256,
the way a trust-store export or a CA's issuance log looks (every certificate distinct: its own
serial, name and signature), not one bundle repeated. Written to target/bench/ once and reused.

Usage: make_bench_piles.py OUT_DIR COUNT [COUNT...]  ->  OUT_DIR/pile-COUNT.pem
"""
import datetime
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

NOT_BEFORE = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
NOT_AFTER = datetime.datetime(2028, 1, 1, tzinfo=datetime.timezone.utc)


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Bench Corp"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def ca(cn, key):
    builder = (x509.CertificateBuilder().subject_name(name(cn)).issuer_name(name(cn))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(NOT_BEFORE).not_valid_after(NOT_AFTER)
               .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
    return builder.sign(key, hashes.SHA256())


def leaf(index, issuer, issuer_key, key):
    cn = f"host{index:05d}.bench.example.com"
    builder = (x509.CertificateBuilder().subject_name(name(cn)).issuer_name(issuer.subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(NOT_BEFORE).not_valid_after(NOT_AFTER)
               .add_extension(x509.SubjectAlternativeName([x509.DNSName(cn)]), critical=False)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH,
                                                     x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False))
    return builder.sign(issuer_key, hashes.SHA256())


def main():
    out, counts = sys.argv[1], [int(n) for n in sys.argv[2:]]
    os.makedirs(out, exist_ok=True)
    todo = [n for n in counts if not os.path.exists(os.path.join(out, f"pile-{n}.pem"))]
    if not todo:
        return
    rsa_ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_ca_key = ec.generate_private_key(ec.SECP256R1())
    rsa_ca, ec_ca = ca("Bench RSA Root CA", rsa_ca_key), ca("Bench EC Root CA", ec_ca_key)
    # Leaf keys are few (key generation is not what is measured); every certificate is distinct.
    rsa_keys = [rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(4)]
    ec_keys = [ec.generate_private_key(ec.SECP256R1()) for _ in range(4)]
    pem = lambda cert: cert.public_bytes(serialization.Encoding.PEM)
    biggest = max(todo)
    leaves = []
    for index in range(biggest):
        if index % 2 == 0:
            leaves.append(pem(leaf(index, rsa_ca, rsa_ca_key, rsa_keys[index // 2 % 4])))
        else:
            leaves.append(pem(leaf(index, ec_ca, ec_ca_key, ec_keys[index // 2 % 4])))
    for n in todo:
        with open(os.path.join(out, f"pile-{n}.pem"), "wb") as f:
            f.write(pem(rsa_ca) + pem(ec_ca) + b"".join(leaves[: n - 2]))


if __name__ == "__main__":
    main()
