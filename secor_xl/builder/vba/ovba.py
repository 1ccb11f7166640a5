"""The VBA compression of [MS-OVBA] section 2.4.1, both ways.

VBA keeps module source and the `dir` stream of a project in a
"CompressedContainer" (2.4.1.1.1): a signature byte 0x01 and a run of chunks,
each the compressed form of up to 4096 bytes. A chunk (2.4.1.1.4) starts with
a two-byte header (2.4.1.1.5): bits 0-11 are the chunk's size minus 3, bits
12-14 the signature 0b011, bit 15 set when the chunk holds tokens rather than
4096 raw bytes. Tokens come eight to a flag byte (2.4.1.1.7): a clear flag bit
is one literal byte, a set one a two-byte CopyToken (2.4.1.1.8) that repeats
bytes already decompressed in the same chunk.

`compress` follows the pseudocode of 2.4.1.3 step by step, including its
matching rule (2.4.1.3.19.4), so it reproduces the examples of section 3.2.
Both functions are pure.
"""

from __future__ import annotations

__all__ = ["OvbaError", "compress", "decompress"]

CHUNK = 4096  # decompressed bytes per chunk (2.4.1.1.4)
_SIGNATURE = 0x01  # CompressedContainer.SignatureByte (2.4.1.1.1)
_HEADER_SIGNATURE = 0b011 << 12  # CompressedChunkSignature (2.4.1.1.5)
_COMPRESSED_FLAG = 0x8000  # CompressedChunkFlag
_MAX_CHUNK = CHUNK + 2  # a compressed chunk is at most 4098 bytes with its header


class OvbaError(ValueError):
    """The bytes are not a valid CompressedContainer."""


def _copy_token_help(difference: int) -> tuple[int, int, int]:
    """CopyToken Help (2.4.1.3.19.1): (length mask, bit count, maximum length).

    `difference` is how far the current position is into the chunk; the
    further in, the more of the token's 16 bits go to the offset.
    """
    bit_count = max((difference - 1).bit_length(), 4)
    length_mask = 0xFFFF >> bit_count
    return length_mask, bit_count, length_mask + 3


def decompress(data: bytes) -> bytes:
    """Decompress a CompressedContainer (MS-OVBA 2.4.1.3.1 and following).

    A raw chunk (flag clear, 2.4.1.3.3) gives its 4096 bytes, or fewer when
    the container ends sooner. Raises OvbaError on a bad signature, chunk
    header or copy token.
    """
    if not data or data[0] != _SIGNATURE:
        raise OvbaError("a compressed VBA container starts with the byte 0x01")
    out = bytearray()
    pos = 1
    while pos < len(data):
        if pos + 2 > len(data):
            raise OvbaError(f"truncated chunk header at byte {pos}")
        header = int.from_bytes(data[pos:pos + 2], "little")
        if header & 0x7000 != _HEADER_SIGNATURE:
            raise OvbaError(f"bad chunk signature at byte {pos}")
        chunk_end = min(len(data), pos + (header & 0x0FFF) + 3)
        pos += 2
        chunk_start = len(out)
        if not header & _COMPRESSED_FLAG:
            # 2.4.1.3.3 Decompressing a RawChunk.
            out += data[pos:pos + CHUNK]
            pos += CHUNK
            continue
        # 2.4.1.3.2 Decompressing a CompressedChunk: token sequences.
        while pos < chunk_end:
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= chunk_end:
                    break
                if not flags >> bit & 1:
                    out.append(data[pos])  # a LiteralToken
                    pos += 1
                    continue
                if pos + 2 > chunk_end:
                    raise OvbaError(f"truncated copy token at byte {pos}")
                token = int.from_bytes(data[pos:pos + 2], "little")
                pos += 2
                # 2.4.1.3.19.2 Unpack CopyToken.
                length_mask, bit_count, _ = _copy_token_help(len(out) - chunk_start)
                length = (token & length_mask) + 3
                offset = (token >> (16 - bit_count)) + 1
                source = len(out) - offset
                if source < chunk_start:
                    raise OvbaError(f"copy token reaches before its chunk at byte {pos - 2}")
                # 2.4.1.3.11 Byte Copy: the source may overlap what it writes.
                if offset >= length:
                    out += out[source:source + length]
                else:
                    for i in range(length):
                        out.append(out[source + i])
    return bytes(out)


def compress(data: bytes) -> bytes:
    """Compress bytes into a CompressedContainer (MS-OVBA 2.4.1.3.6 and following).

    Chunk by chunk (2.4.1.3.7): tokens while they fit in 4098 bytes, else
    the chunk is written raw (2.4.1.3.10), padded with zeros to 4096 bytes
    as the spec says, so decompressing an incompressible last chunk shorter
    than 4096 bytes gives it back with trailing zeros. VBA source never
    gets there.
    """
    out = bytearray([_SIGNATURE])
    for start in range(0, len(data), CHUNK):
        out += _compress_chunk(data, start, min(start + CHUNK, len(data)))
    return bytes(out)


def _compress_chunk(data: bytes, start: int, end: int) -> bytes:
    """2.4.1.3.7 Compressing a DecompressedChunk: its header and body."""
    body = bytearray()
    index: dict[bytes, list[int]] = {}  # 3-byte prefix -> its earlier positions in the chunk
    indexed = start
    current = start
    limit = _MAX_CHUNK - 2  # body bytes that fit
    fits = True
    while current < end and fits:
        # 2.4.1.3.8 Compressing a TokenSequence.
        flag_at = len(body)
        body.append(0)
        flags = 0
        for bit in range(8):
            if current >= end:
                break
            if len(body) >= limit:
                fits = False
                break
            while indexed < current:
                index.setdefault(data[indexed:indexed + 3], []).append(indexed)
                indexed += 1
            # 2.4.1.3.9 Compressing a Token.
            offset, length = _match(data, start, current, end, index)
            if offset:
                if len(body) + 2 > limit:
                    fits = False
                    break
                _, bit_count, _ = _copy_token_help(current - start)
                token = ((offset - 1) << (16 - bit_count)) | (length - 3)
                body += token.to_bytes(2, "little")
                flags |= 1 << bit
                current += length
            else:
                body.append(data[current])
                current += 1
        body[flag_at] = flags
    if current < end:
        # 2.4.1.3.10 Compressing a RawChunk: 4096 bytes, zero padded.
        raw = data[start:end].ljust(CHUNK, b"\x00")
        header = _HEADER_SIGNATURE | (CHUNK - 1)
        return header.to_bytes(2, "little") + raw
    header = _COMPRESSED_FLAG | _HEADER_SIGNATURE | (len(body) + 2 - 3)
    return header.to_bytes(2, "little") + bytes(body)


def _match(data: bytes, start: int, current: int, end: int,
           index: dict[bytes, list[int]]) -> tuple[int, int]:
    """2.4.1.3.19.4 Matching: (offset, length) of the best copy, or (0, 0).

    The spec tries every earlier position of the chunk, nearest first, and
    keeps the one with the longest match (counted up to the chunk's end,
    before capping at the token's maximum length); a later candidate must be
    strictly longer to win. Only positions starting with the same three
    bytes can give a match of 3 or more, and anything shorter is written as a
    literal, so looking only at those gives the same answer.
    """
    candidates = index.get(data[current:current + 3])
    if not candidates or current + 3 > end:
        return 0, 0
    best_length, best = 0, -1
    room = end - current
    for candidate in reversed(candidates):
        if best_length >= room:
            break  # nothing can be strictly longer
        if best_length and data[candidate + best_length] != data[current + best_length]:
            continue
        length = _common_prefix(data, candidate, current, end)
        if length > best_length:
            best_length, best = length, candidate
    if best_length < 3:
        return 0, 0
    _, _, max_length = _copy_token_help(current - start)
    return current - best, min(best_length, max_length)


def _common_prefix(data: bytes, a: int, b: int, end: int) -> int:
    """How many bytes data[a:] and data[b:] share (a < b), reading data[b:] up to `end`."""
    n = end - b
    lo, step = 0, 8
    while True:  # gallop: compare growing blocks until one differs
        size = min(step, n - lo)
        if size == 0:
            return lo
        if data[a + lo:a + lo + size] != data[b + lo:b + lo + size]:
            break
        lo += size
        step *= 2
    hi = lo + size - 1  # the answer is in [lo, hi]; bisect the block that differs
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if data[a + lo:a + mid] == data[b + lo:b + mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo
