#!/usr/bin/python3
"""Generates the Django and passlib known-answer fixtures ONCE.
Run with Debian's python3 (python3-django, python3-passlib, python3-bcrypt, python3-argon2):
  /usr/bin/python3 python-fixtures.py django > django.tsv
  /usr/bin/python3 python-fixtures.py passlib > passlib.tsv
Output lines: format<TAB>label<TAB>password (base64 of UTF-8)<TAB>hash"""
import base64
import sys

PASSWORDS = {
    "ascii": "correct horse battery staple",
    "accented": "Mot-de-passe-Été-àçü",
    "nfkc": "Soleil²-Año-1º",
}


def out(fmt, label, pw, h):
    print("\t".join([fmt, label, base64.b64encode(pw.encode("utf-8")).decode("ascii"), h]))


if sys.argv[1] == "django":
    import django
    from django.conf import settings

    settings.configure(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
            "django.contrib.auth.hashers.Argon2PasswordHasher",
            "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
            "django.contrib.auth.hashers.BCryptPasswordHasher",
        ]
    )
    django.setup()
    from django.contrib.auth.hashers import make_password

    print("# tool: Django %s (Debian python3-django), bcrypt %s, argon2-cffi %s, Python %s"
          % (django.get_version(), __import__("bcrypt").__version__,
             __import__("argon2").__version__, sys.version.split()[0]))
    for label, pw in PASSWORDS.items():
        for fmt, hasher in [("django-pbkdf2_sha256", "pbkdf2_sha256"),
                            ("django-pbkdf2_sha1", "pbkdf2_sha1"),
                            ("django-argon2", "argon2"),
                            ("django-bcrypt_sha256", "bcrypt_sha256"),
                            ("django-bcrypt", "bcrypt")]:
            out(fmt, label, pw, make_password(pw, hasher=hasher))
else:
    import passlib
    from passlib.hash import argon2, bcrypt, pbkdf2_sha256, phpass

    print("# tool: passlib %s (Debian python3-passlib), bcrypt %s, argon2-cffi %s, Python %s"
          % (passlib.__version__, __import__("bcrypt").__version__,
             __import__("argon2").__version__, sys.version.split()[0]))
    for label, pw in PASSWORDS.items():
        out("passlib-bcrypt", label, pw, bcrypt.using(rounds=10).hash(pw))
        out("passlib-phpass-H", label, pw, phpass.using(ident="H", rounds=10).hash(pw))
        out("passlib-phpass-P", label, pw, phpass.using(ident="P", rounds=8).hash(pw))
        out("passlib-pbkdf2_sha256", label, pw, pbkdf2_sha256.hash(pw))
        out("passlib-argon2", label, pw,
            argon2.using(memory_cost=102400, parallelism=8, rounds=2).hash(pw))
