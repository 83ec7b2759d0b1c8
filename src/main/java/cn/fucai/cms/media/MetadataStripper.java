package cn.fucai.cms.media;

import cn.fucai.cms.common.error.UnsupportedMediaTypeException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Copies an image without what it says about where and how it was made (EXIF with GPS, XMP, IPTC, comments, text
 * chunks), without re-encoding it, and without anything after its end (the tail of a polyglot file). A JPEG keeps its
 * orientation in a minimal EXIF block of its own, so that it still shows upright. Structures that do not parse are
 * refused as damaged.
 */
final class MetadataStripper {

    private static final Set<String> PNG_DROPPED = Set.of("tEXt", "zTXt", "iTXt", "eXIf", "tIME");
    private static final Set<String> GIF_KEPT_APPLICATIONS = Set.of("NETSCAPE2.0", "ANIMEXTS1.0");

    private MetadataStripper() {}

    /** Copies {@code in} to {@code out} without metadata; returns the EXIF orientation of a JPEG (1 when none). */
    static int strip(String mediaType, InputStream in, OutputStream out) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            return switch (mediaType) {
                case "image/jpeg" -> jpeg(data, out);
                case "image/png" -> png(data, out);
                case "image/webp" -> webp(data, out);
                case "image/gif" -> gif(data, out);
                default -> throw new IllegalArgumentException("not an image: " + mediaType);
            };
        } catch (EOFException truncated) {
            throw new UnsupportedMediaTypeException(
                    "the " + mediaType + " image ends before its structure does: it is damaged");
        }
    }

    private static int jpeg(DataInputStream in, OutputStream out) throws IOException {
        if (in.readUnsignedShort() != 0xFFD8) {
            throw damaged("image/jpeg");
        }
        out.write(new byte[] {(byte) 0xFF, (byte) 0xD8});
        int orientation = 1;
        boolean orientationWritten = false;
        int marker = nextMarker(in);
        while (true) {
            if (marker == 0xD9) { // end of image: anything after it is dropped
                out.write(new byte[] {(byte) 0xFF, (byte) 0xD9});
                return orientation;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                out.write(new byte[] {(byte) 0xFF, (byte) marker});
                marker = nextMarker(in);
                continue;
            }
            int length = in.readUnsignedShort();
            if (length < 2) {
                throw damaged("image/jpeg");
            }
            byte[] payload = new byte[length - 2];
            in.readFully(payload);
            boolean metadata = marker == 0xFE
                    || marker >= 0xE1 && marker <= 0xEF && marker != 0xEE && !isIccProfile(marker, payload);
            if (marker == 0xE1 && startsWith(payload, "Exif\0\0")) {
                orientation = orientation == 1 ? orientation(payload) : orientation;
            }
            if (!metadata) {
                if (marker != 0xE0 && !orientationWritten && orientation != 1) {
                    out.write(orientationSegment(orientation));
                    orientationWritten = true;
                }
                out.write(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length});
                out.write(payload);
            }
            if (marker == 0xDA) { // start of scan: entropy-coded data up to the next marker
                marker = copyScan(in, out);
            } else {
                marker = nextMarker(in);
            }
        }
    }

    /** Copies entropy-coded bytes (with their stuffed zeros and restart markers) and returns the marker after them. */
    private static int copyScan(DataInputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(8192);
        while (true) {
            int b = in.readUnsignedByte();
            if (b != 0xFF) {
                chunk.write(b);
                continue;
            }
            int next = in.readUnsignedByte();
            while (next == 0xFF) {
                next = in.readUnsignedByte();
            }
            if (next == 0x00 || next >= 0xD0 && next <= 0xD7) {
                chunk.write(0xFF);
                chunk.write(next);
                if (chunk.size() >= 8192) {
                    chunk.writeTo(out);
                    chunk.reset();
                }
                continue;
            }
            chunk.writeTo(out);
            return next;
        }
    }

    private static int nextMarker(DataInputStream in) throws IOException {
        if (in.readUnsignedByte() != 0xFF) {
            throw damaged("image/jpeg");
        }
        int marker = in.readUnsignedByte();
        while (marker == 0xFF) {
            marker = in.readUnsignedByte();
        }
        return marker;
    }

    private static boolean isIccProfile(int marker, byte[] payload) {
        return marker == 0xE2 && startsWith(payload, "ICC_PROFILE\0");
    }

    /** The orientation tag (0x0112) of IFD0 in an EXIF block, 1 when absent or unreadable. */
    private static int orientation(byte[] exif) {
        try {
            ByteBuffer tiff = ByteBuffer.wrap(exif, 6, exif.length - 6).slice();
            tiff.order(tiff.get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int ifd = tiff.getInt(4);
            int entries = Short.toUnsignedInt(tiff.getShort(ifd));
            for (int i = 0; i < entries; i++) {
                int entry = ifd + 2 + 12 * i;
                if (Short.toUnsignedInt(tiff.getShort(entry)) == 0x0112) {
                    int value = Short.toUnsignedInt(tiff.getShort(entry + 8));
                    return value >= 1 && value <= 8 ? value : 1;
                }
            }
        } catch (RuntimeException unreadable) {
            // an EXIF block that does not parse says nothing about orientation
        }
        return 1;
    }

    /** An APP1 EXIF segment holding nothing but the orientation. */
    private static byte[] orientationSegment(int orientation) {
        ByteBuffer segment = ByteBuffer.allocate(2 + 2 + 6 + 8 + 2 + 12 + 4).order(ByteOrder.BIG_ENDIAN);
        segment.putShort((short) 0xFFE1).putShort((short) (segment.capacity() - 2));
        segment.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        segment.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        segment.putShort((short) 1);
        segment.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        segment.putInt(0);
        return segment.array();
    }

    private static int png(DataInputStream in, OutputStream out) throws IOException {
        byte[] signature = new byte[8];
        in.readFully(signature);
        out.write(signature);
        while (true) {
            int length = in.readInt();
            byte[] type = new byte[4];
            in.readFully(type);
            if (length < 0) {
                throw damaged("image/png");
            }
            String name = new String(type, StandardCharsets.ISO_8859_1);
            boolean kept = !PNG_DROPPED.contains(name);
            if (kept) {
                out.write(ByteBuffer.allocate(4).putInt(length).array());
                out.write(type);
            }
            transfer(in, kept ? out : null, length + 4L); // data and CRC
            if (name.equals("IEND")) {
                return 1;
            }
        }
    }

    private static int webp(DataInputStream in, OutputStream out) throws IOException {
        byte[] header = new byte[12];
        in.readFully(header);
        long riffSize = Integer.toUnsignedLong(
                ByteBuffer.wrap(header, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long read = 4; // "WEBP"
        while (read < riffSize) {
            byte[] chunkHeader = new byte[8];
            in.readFully(chunkHeader);
            String name = new String(chunkHeader, 0, 4, StandardCharsets.ISO_8859_1);
            long size = Integer.toUnsignedLong(ByteBuffer.wrap(chunkHeader, 4, 4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .getInt());
            long padded = size + (size & 1);
            if (padded > riffSize - read - 8) {
                throw damaged("image/webp");
            }
            read += 8 + padded;
            if (name.equals("EXIF") || name.equals("XMP ")) {
                transfer(in, null, padded);
                continue;
            }
            kept.write(chunkHeader);
            if (name.equals("VP8X") && padded > 0) {
                kept.write(in.readUnsignedByte() & ~0x0C); // no EXIF, no XMP
                padded--;
            }
            transfer(in, kept, padded);
        }
        out.write(header, 0, 4);
        out.write(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(kept.size() + 4)
                .array());
        out.write(header, 8, 4);
        kept.writeTo(out);
        return 1;
    }

    private static int gif(DataInputStream in, OutputStream out) throws IOException {
        byte[] screen = new byte[13];
        in.readFully(screen);
        out.write(screen);
        copyColorTable(in, out, screen[10]);
        while (true) {
            int block = in.readUnsignedByte();
            if (block == 0x3B) {
                out.write(block);
                return 1;
            }
            if (block == 0x2C) {
                byte[] descriptor = new byte[9];
                in.readFully(descriptor);
                out.write(block);
                out.write(descriptor);
                copyColorTable(in, out, descriptor[8]);
                out.write(in.readUnsignedByte()); // LZW minimum code size
                out.write(subBlocks(in));
            } else if (block == 0x21) {
                int label = in.readUnsignedByte();
                byte[] blocks = subBlocks(in);
                boolean kept = label == 0xF9
                        || label == 0x01
                        || label == 0xFF
                                && blocks.length > 11
                                && GIF_KEPT_APPLICATIONS.contains(
                                        new String(blocks, 1, 11, StandardCharsets.ISO_8859_1));
                if (kept) {
                    out.write(block);
                    out.write(label);
                    out.write(blocks);
                }
            } else {
                throw damaged("image/gif");
            }
        }
    }

    private static void copyColorTable(DataInputStream in, OutputStream out, byte flags) throws IOException {
        if ((flags & 0x80) != 0) {
            byte[] table = new byte[3 * (1 << ((flags & 0x07) + 1))];
            in.readFully(table);
            out.write(table);
        }
    }

    /** A run of GIF data sub-blocks with their sizes, up to and with the terminating empty one. */
    private static byte[] subBlocks(DataInputStream in) throws IOException {
        ByteArrayOutputStream blocks = new ByteArrayOutputStream();
        while (true) {
            int size = in.readUnsignedByte();
            blocks.write(size);
            if (size == 0) {
                return blocks.toByteArray();
            }
            byte[] body = new byte[size];
            in.readFully(body);
            blocks.write(body);
        }
    }

    /** Copies {@code count} bytes to {@code out}, or skips them when it is null; a shorter input is damaged. */
    private static void transfer(DataInputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException();
            }
            if (out != null) {
                out.write(buffer, 0, read);
            }
            left -= read;
        }
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        byte[] expected = prefix.getBytes(StandardCharsets.ISO_8859_1);
        return bytes.length >= expected.length
                && Arrays.equals(bytes, 0, expected.length, expected, 0, expected.length);
    }

    private static UnsupportedMediaTypeException damaged(String mediaType) {
        return new UnsupportedMediaTypeException("the " + mediaType + " image does not parse: it is damaged");
    }
}
