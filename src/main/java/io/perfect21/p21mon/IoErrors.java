package io.perfect21.p21mon;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one translation of an {@link IOException} into words for stderr, as {@code ls} or {@code cat} would say it:
 * the file and the operating system's reason ({@code /proc/nope: No such file or directory}), and for JSON the file,
 * line and column ({@code dash.json:1:10: unexpected end of input (truncated?)}). Never a Java class name: Java's
 * file exceptions carry the reason in their type and only the path in their message, and Jackson's messages name
 * Java types and byte offsets.
 * {@code throw P21monException.failed("cannot write " + target + ": " + IoErrors.describe(e), e);}
 */
public final class IoErrors {
    private static final Pattern JAVA_TYPE = Pattern.compile("`([A-Za-z0-9_.$]+)(<[^`]*>)?(\\[])?`");
    private static final Pattern REFERENCE_CHAIN = Pattern.compile("\\s*\\(through reference chain:[^)]*\\)");
    private static final Pattern SOURCE_SUFFIX = Pattern.compile("\\s*(\\(for .*)?at \\[Source:.*$", Pattern.DOTALL);

    private IoErrors() {
    }

    /**
     * What went wrong, without the file when the caller names it already is not known: {@code PATH: REASON} for a
     * file-system error (path first, as the OS tools put it), {@code LINE:COL: PROBLEM} for JSON, else the message.
     */
    public static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        if (e instanceof JsonProcessingException j) {
            return json(null, j);
        }
        if (e instanceof FileSystemException f) {
            return fileSystem(f);
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? reasonOfType(e) : m;
    }

    /**
     * The same, for a message that already names {@code named} (the file or directory it was about): the reason alone
     * when the error is about that very file, else the file it is about and the reason
     * ({@code cannot write /proc/nope/x: /proc/nope: No such file or directory}).
     */
    public static String describe(Object named, Throwable e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        if (t instanceof FileSystemException f && f.getFile() != null && f.getOtherFile() == null && named != null
                && sameFile(named.toString(), f.getFile())) {
            return f.getReason() != null ? f.getReason() : reasonOfType(f);
        }
        return describe(t);
    }

    private static boolean sameFile(String a, String b) {
        try {
            return java.nio.file.Path.of(a).toAbsolutePath().normalize()
                    .equals(java.nio.file.Path.of(b).toAbsolutePath().normalize());
        } catch (java.nio.file.InvalidPathException e) {
            return a.equals(b);
        }
    }

    /** The reason alone ({@code No such file or directory}), for a message that names the file itself. */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : reasonOfType(f);
        }
        if (e instanceof JsonProcessingException j) {
            return json(null, j);
        }
        return describe(e);
    }

    /**
     * A JSON (or YAML) document that does not parse or bind, as {@code FILE:LINE:COL: PROBLEM} (or {@code
     * LINE:COL: PROBLEM} when {@code file} is null), the problem in words with no Java type in it.
     */
    public static String json(Object file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file).append(':');
        }
        if (at != null && at.getLineNr() > 0) {
            sb.append(at.getLineNr()).append(':').append(at.getColumnNr()).append(": ");
        } else if (file != null) {
            sb.append(' ');
        }
        sb.append(jsonProblem(e));
        return sb.toString();
    }

    private static String jsonProblem(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return "unexpected end of input (is the file truncated?)";
        }
        String m = e.getOriginalMessage();
        if (m == null || m.isBlank()) {
            return "not valid JSON";
        }
        m = REFERENCE_CHAIN.matcher(m).replaceAll("");
        m = SOURCE_SUFFIX.matcher(m).replaceAll("");
        m = firstLine(m);
        Matcher t = JAVA_TYPE.matcher(m);
        StringBuilder out = new StringBuilder();
        while (t.find()) {
            t.appendReplacement(out, Matcher.quoteReplacement(plainType(t.group(1), t.group(3) != null)));
        }
        t.appendTail(out);
        String problem = out.toString().replace("Cannot deserialize value of type ", "expected ")
                .replace("Cannot construct instance of ", "cannot make ")
                .replaceAll("\\s*\\(.*Exception.*\\)", "");
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            problem = "at " + path(mapping) + ": " + problem;
        }
        return problem;
    }

    /** {@code $.panels[2].gridPos}: where in the document a value of the wrong shape is. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** {@code java.util.ArrayList} → "a list": what a Java type is to someone who writes JSON. */
    private static String plainType(String type, boolean array) {
        if (array) {
            return "a list";
        }
        String simple = type.substring(type.lastIndexOf('.') + 1).replace('$', '.');
        return switch (simple) {
            case "String", "char", "Character" -> "a string";
            case "int", "Integer", "long", "Long", "short", "Short", "byte", "Byte", "BigInteger" -> "an integer";
            case "double", "Double", "float", "Float", "BigDecimal", "Number" -> "a number";
            case "boolean", "Boolean" -> "true or false";
            case "List", "ArrayList", "Collection", "Set", "HashSet", "LinkedHashSet", "ArrayNode" -> "a list";
            case "Map", "HashMap", "LinkedHashMap", "TreeMap", "ObjectNode", "Object" -> "an object";
            case "Instant", "OffsetDateTime", "ZonedDateTime", "LocalDateTime" -> "a timestamp";
            case "Duration" -> "a duration";
            default -> "a " + simple.substring(simple.lastIndexOf('.') + 1);
        };
    }

    private static String fileSystem(FileSystemException f) {
        StringBuilder sb = new StringBuilder();
        if (f.getFile() != null) {
            sb.append(f.getFile());
            if (f.getOtherFile() != null) {
                sb.append(" -> ").append(f.getOtherFile());
            }
            sb.append(": ");
        }
        return sb.append(f.getReason() != null ? f.getReason() : reasonOfType(f)).toString();
    }

    /** The words {@code strerror(3)} has for the errno each of Java's file exceptions stands for. */
    private static String reasonOfType(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof NotLinkException) {
            return "Not a symbolic link";
        }
        if (e instanceof FileSystemLoopException) {
            return "Too many levels of symbolic links";
        }
        if (e instanceof java.io.EOFException) {
            return "unexpected end of file";
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return "timed out";
        }
        return "input/output error";
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}
