#!/usr/bin/env python3
"""Independent reference implementation of Croupier's provably fair RNG.

It shares no code with the Java library: it follows the algorithm as published in
game-plugins/api/FAIRNESS.md, and writes the test vectors that the Java tests check.

    python3 game-plugins/api/tools/fair_rng_reference.py \
        > game-plugins/api/src/test/resources/dev/croupier/games/rng/test-vectors.json
"""
import hashlib
import hmac
import json


class FairRng:
    def __init__(self, server_seed_hex, client_seed, nonce):
        self.key = bytes.fromhex(server_seed_hex)
        self.client_seed = client_seed
        self.nonce = nonce
        self.cursor = 0
        self.buffer = b""

    def block(self, cursor):
        message = f"{self.client_seed}:{self.nonce}:{cursor}".encode("utf-8")
        return hmac.new(self.key, message, hashlib.sha256).digest()

    def raw(self):
        if not self.buffer:
            self.buffer = self.block(self.cursor)
            self.cursor += 1
        u, self.buffer = int.from_bytes(self.buffer[:4], "big"), self.buffer[4:]
        return u

    def below(self, n):
        limit = 2**32 - (2**32 % n)
        while True:
            u = self.raw()
            if u < limit:
                return u % n

    def permutation(self, n):
        items = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]
        return items


BOUNDS = [2, 6, 37, 52, 1000, 2**31 + 1, 3 * 2**30, 2**32]
CASES = [
    ("croupier test vector 1", "player-chosen-seed", 1),
    ("croupier test vector 2", "3f9a0c1d2e4b5a69", 7),
    ("croupier test vector 3", "~!@#$%^&*()_+`-=[]{}|;':,./<>?", 1000000),
]


def case(label, client_seed, nonce):
    server_seed = hashlib.sha256(label.encode("utf-8")).hexdigest()
    rng = FairRng(server_seed, client_seed, nonce)
    out = {
        "serverSeed": server_seed,
        "commitment": hashlib.sha256(bytes.fromhex(server_seed)).hexdigest(),
        "clientSeed": client_seed,
        "nonce": nonce,
        "blocks": [rng.block(0).hex(), rng.block(1).hex()],
        "raw": raw_draws(server_seed, client_seed, nonce, 12),
        "draws": [],
        "permutation52": FairRng(server_seed, client_seed, nonce).permutation(52),
    }
    for bound in BOUNDS:
        r = FairRng(server_seed, client_seed, nonce)
        values = [r.below(bound) for _ in range(10)]
        out["draws"].append({"bound": bound, "values": values, "blocksUsed": r.cursor})
    return out


def raw_draws(server_seed, client_seed, nonce, count):
    r = FairRng(server_seed, client_seed, nonce)
    return [r.raw() for _ in range(count)]


if __name__ == "__main__":
    vectors = {
        "algorithm": "HMAC-SHA256(key=serverSeed bytes, msg=clientSeed:nonce:cursor); "
        "u32 big-endian; rejection sampling below 2^32 - (2^32 mod n); Fisher-Yates from the top",
        "cases": [case(*c) for c in CASES],
    }
    print(json.dumps(vectors, indent=2))
