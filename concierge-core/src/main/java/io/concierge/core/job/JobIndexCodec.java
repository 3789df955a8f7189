package io.concierge.core.job;

import io.concierge.api.job.JobSummary;
import io.concierge.core.job.JobIndexFile.Entry;
import io.concierge.core.job.JobIndexFile.Header;
import io.concierge.core.job.JobIndexFile.Slot;
import io.concierge.core.job.JobIndexFile.Stamp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * The bytes of the job index ({@link JobIndexFile} says where they go): the header, a slot, a
 * record, each ending or starting with a CRC32C of the rest, big-endian.
 *
 * <pre>
 * header (128): magic 8, format 4, count 4, generation 8, data length 8, jobs/ stamp (mtime 8,
 *               size 8, key 4), jobs/ racy 1, pad 3, live length 8, zeros, CRC 4
 * slot   (128): id length 1, id 80 (ASCII, zero-padded), kind 1, racy 1, pad 1, created nanos 4,
 *               created seconds 8, record offset 8, record length 4, job.yaml stamp (key 4,
 *               mtime 8, size 4), CRC 4
 * record:       CRC 4, kind 1, id; for a job: version 8, updated seconds 8 and nanos 4, sentence,
 *               package id, package version; for a problem: the message (each text: length 4, UTF-8)
 * </pre>
 */
final class JobIndexCodec {
    private JobIndexCodec() {
    }

    static ByteBuffer header(Header header) {
        ByteBuffer buffer = ByteBuffer.allocate(JobIndexFile.SLOT).order(ByteOrder.BIG_ENDIAN);
        buffer.putLong(0, JobIndexFile.MAGIC).putInt(8, JobIndexFile.FORMAT).putInt(12, header.count()).putLong(16, header.generation())
                .putLong(24, header.dataLength()).putLong(32, header.jobsDir().mtimeNanos())
                .putLong(40, header.jobsDir().size()).putInt(48, header.jobsDir().key())
                .put(52, (byte) (header.dirRacy() ? 1 : 0)).putLong(56, header.liveLength());
        buffer.putInt(JobIndexFile.SLOT - 4, crc(buffer, 0, JobIndexFile.SLOT - 4));
        return buffer;
    }

    /** The header in {@code buffer}, or null when its CRC does not fit (torn or damaged). */
    static Header decodeHeader(ByteBuffer buffer) {
        if (crc(buffer, 0, JobIndexFile.SLOT - 4) != buffer.getInt(JobIndexFile.SLOT - 4)) {
            return null;
        }
        return new Header(buffer.getInt(12), buffer.getLong(16), buffer.getLong(24),
                new Stamp(buffer.getLong(32), buffer.getLong(40), buffer.getInt(48)), buffer.get(52) != 0,
                buffer.getLong(56));
    }

    static Slot decodeSlot(ByteBuffer buffer, int at) {
        if (crc(buffer, at, JobIndexFile.SLOT - 4) != buffer.getInt(at + JobIndexFile.SLOT - 4)) {
            return null;
        }
        int idLength = buffer.get(at) & 0xFF;
        if (idLength < 3 || idLength > JobIndexFile.MAX_ID) {
            return null;
        }
        byte[] id = new byte[idLength];
        buffer.get(at + 1, id);
        int kind = buffer.get(at + 81) & 0xFF;
        if (kind >= JobIndexFile.STATUSES.length && kind != JobIndexFile.PROBLEM && kind != JobIndexFile.NO_FILE) {
            return null;
        }
        return new Slot(new String(id, StandardCharsets.ISO_8859_1), kind, buffer.get(at + 82) != 0,
                Instant.ofEpochSecond(buffer.getLong(at + 88), buffer.getInt(at + 84)), buffer.getLong(at + 96),
                buffer.getInt(at + 104), new Stamp(buffer.getLong(at + 112), buffer.getInt(at + 120), buffer.getInt(at + 108)));
    }

    static void encodeSlot(ByteBuffer buffer, int at, Slot slot) {
        byte[] id = slot.id().getBytes(StandardCharsets.ISO_8859_1);
        buffer.put(at, (byte) id.length).put(at + 1, id).put(at + 81, (byte) slot.kind())
                .put(at + 82, (byte) (slot.racy() ? 1 : 0)).putInt(at + 84, slot.createdAt().getNano())
                .putLong(at + 88, slot.createdAt().getEpochSecond()).putLong(at + 96, slot.offset())
                .putInt(at + 104, slot.length()).putInt(at + 108, slot.stamp().key())
                .putLong(at + 112, slot.stamp().mtimeNanos()).putInt(at + 120, (int) Math.min(slot.stamp().size(), Integer.MAX_VALUE));
        buffer.putInt(at + JobIndexFile.SLOT - 4, crc(buffer, at, JobIndexFile.SLOT - 4));
    }

    static Entry decodeRecord(ByteBuffer buffer, int at, Slot slot) {
        int[] position = {at};
        int kind = buffer.get(position[0]++) & 0xFF;
        String id = string(buffer, position);
        if (kind != slot.kind() || !id.equals(slot.id())) {
            return null;
        }
        if (kind == JobIndexFile.PROBLEM) {
            return new Entry(id, null, string(buffer, position), slot.stamp(), slot.racy());
        }
        long version = buffer.getLong(position[0]);
        position[0] += 8;
        Instant updatedAt = Instant.ofEpochSecond(buffer.getLong(position[0]), buffer.getInt(position[0] + 8));
        position[0] += 12;
        String intent = string(buffer, position);
        String packageId = string(buffer, position);
        String packageVersion = string(buffer, position);
        return new Entry(id, new JobSummary(id, slot.status(), intent, packageId, packageVersion, slot.createdAt(),
                updatedAt, version), null, slot.stamp(), slot.racy());
    }

    static byte[] encodeRecord(Entry entry) {
        byte[][] strings = entry.summary() != null
                ? new byte[][] {utf8(entry.id()), utf8(entry.summary().intentText()), utf8(entry.summary().packageId()),
                    utf8(entry.summary().packageVersion())}
                : new byte[][] {utf8(entry.id()), utf8(entry.problem())};
        int length = 4 + 1 + (entry.summary() != null ? 20 : 0);
        for (byte[] s : strings) {
            length += 4 + s.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        buffer.position(4);
        buffer.put((byte) entry.kind());
        putString(buffer, strings[0]);
        if (entry.summary() != null) {
            JobSummary s = entry.summary();
            buffer.putLong(s.version()).putLong(s.updatedAt().getEpochSecond()).putInt(s.updatedAt().getNano());
            putString(buffer, strings[1]);
            putString(buffer, strings[2]);
            putString(buffer, strings[3]);
        } else {
            putString(buffer, strings[1]);
        }
        buffer.putInt(0, crc(buffer, 4, length - 4));
        return buffer.array();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void putString(ByteBuffer buffer, byte[] bytes) {
        buffer.putInt(bytes.length).put(bytes);
    }

    static String string(ByteBuffer buffer, int[] position) {
        int length = buffer.getInt(position[0]);
        byte[] bytes = new byte[length];
        buffer.get(position[0] + 4, bytes);
        position[0] += 4 + length;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static int crc(ByteBuffer buffer, int from, int length) {
        CRC32C crc = new CRC32C();
        if (buffer.hasArray()) {
            crc.update(buffer.array(), buffer.arrayOffset() + from, length); // no view object per slot
        } else {
            crc.update(buffer.duplicate().limit(from + length).position(from));
        }
        return (int) crc.getValue();
    }
}
