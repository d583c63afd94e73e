#!/bin/sh
# Regenerates the PEM fixtures of PemFilesTest with the openssl CLI (OpenSSL 3): one RSA and one EC key, each in
# the forms Go's tls.LoadX509KeyPair reads, plus encrypted copies that must be refused. Test keys only.
set -eu
cd "$(dirname "$0")"
days=36500

# RSA: PKCS#8, PKCS#1 ("traditional"), encrypted PKCS#8, encrypted PKCS#1 (Proc-Type: 4,ENCRYPTED)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-pkcs8.pem
openssl pkey -in rsa-pkcs8.pem -traditional -out rsa-pkcs1.pem
openssl pkey -in rsa-pkcs8.pem -aes256 -passout pass:secret -out rsa-pkcs8-encrypted.pem
openssl pkey -in rsa-pkcs8.pem -traditional -aes256 -passout pass:secret -out rsa-pkcs1-encrypted.pem
openssl req -x509 -key rsa-pkcs8.pem -subj /CN=localhost -days $days -out rsa-cert.pem

# EC P-256: SEC1 as "openssl ecparam -genkey" writes it (an EC PARAMETERS block first), then PKCS#8
openssl ecparam -name prime256v1 -genkey -out ec-sec1.pem
openssl pkey -in ec-sec1.pem -out ec-pkcs8.pem
openssl req -x509 -key ec-pkcs8.pem -subj /CN=localhost -days $days -out ec-cert.pem
