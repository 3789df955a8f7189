package io.concierge.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request path split into decoded segments, and its query. Decoding happens once, here, and
 * refuses what could climb out of a folder: a segment that decodes to {@code .} or
 * {@code ..}, or that holds a slash, a backslash or a NUL (so {@code ..%2F..%2Fjob.yaml} never
 * reaches a handler).
 *
 * @param raw      the path as sent
 * @param segments the decoded segments, without empty leading or trailing ones
 * @param query    the decoded query parameters (the first value of each name)
 */
public record RequestPath(String raw, List<String> segments, Map<String, String> query) {
    /**
     * Copies.
     *
     * @param raw      the path as sent
     * @param segments the decoded segments
     * @param query    the decoded query parameters
     */
    public RequestPath {
        segments = List.copyOf(segments);
        query = Map.copyOf(query);
    }

    /**
     * Splits and decodes a raw path and query.
     *
     * @param rawPath  the path as sent, still percent-encoded
     * @param rawQuery the query as sent, or null
     * @return the path
     * @throws ApiError 400 when the path is malformed or tries to leave its folder
     */
    public static RequestPath parse(String rawPath, String rawQuery) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw ApiError.badRequest("the request path must start with '/'");
        }
        List<String> segments = new ArrayList<>();
        String[] parts = rawPath.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (part.isEmpty()) {
                if (last) {
                    continue; // a trailing slash is the same path
                }
                throw ApiError.badRequest("the request path has an empty segment: " + rawPath);
            }
            String decoded = decode(part, false);
            if (decoded.equals(".") || decoded.equals("..") || decoded.indexOf('/') >= 0
                    || decoded.indexOf('\\') >= 0 || decoded.indexOf('\0') >= 0) {
                throw ApiError.badRequest("the request path may not contain '.', '..', slashes or backslashes"
                        + " inside a segment: " + rawPath);
            }
            segments.add(decoded);
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
                query.putIfAbsent(name, value);
            }
        }
        return new RequestPath(rawPath, segments, query);
    }

    /** Percent-decodes as UTF-8; a {@code +} is a space only in a query. */
    private static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && !(plusIsSpace && text.indexOf('+') >= 0)) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw ApiError.badRequest("malformed percent-encoding in '" + text + "'");
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw ApiError.badRequest("malformed percent-encoding in '" + text + "'");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '%' && !(plusIsSpace && text.charAt(end) == '+')) {
                    end++;
                }
                byte[] b = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i = end - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("the percent-encoded text '" + text + "' is not UTF-8");
        }
    }

    /**
     * Whether the path is {@code /} followed by exactly these segments.
     *
     * @param first the first segment
     * @return true when the first segment is {@code first}
     */
    public boolean startsWith(String first) {
        return !segments.isEmpty() && segments.get(0).equals(first);
    }
}
