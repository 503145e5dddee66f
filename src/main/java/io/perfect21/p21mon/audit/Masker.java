package io.perfect21.p21mon.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Masks secrets in {@code details} and {@code metadata} before they are written: any field whose name contains one of
 * {@code audit.mask_fields} (case-insensitive, so {@code db_password} and {@code X-Api_Key} too), at any depth,
 * becomes {@code "***"}.
 */
final class Masker {
    static final String MASK = "***";
    private final String[] fields;

    Masker(List<String> fields) {
        this.fields = fields.stream().map(f -> f.toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    boolean secret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String f : fields) {
            if (k.contains(f)) {
                return true;
            }
        }
        return false;
    }

    Map<String, Object> mask(Map<String, Object> m) {
        if (fields.length == 0 || m.isEmpty() || !needs(m)) {
            return m;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, secret(k) && v != null ? MASK : maskValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object maskValue(Object v) {
        if (v instanceof Map<?, ?> map) {
            return mask((Map<String, Object>) map);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(x -> out.add(maskValue(x)));
            return out;
        }
        return v;
    }

    private boolean needs(Object v) {
        if (v instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if ((secret(String.valueOf(e.getKey())) && e.getValue() != null && !MASK.equals(e.getValue()))
                        || needs(e.getValue())) {
                    return true;
                }
            }
        } else if (v instanceof List<?> list) {
            for (Object x : list) {
                if (needs(x)) {
                    return true;
                }
            }
        }
        return false;
    }
}
