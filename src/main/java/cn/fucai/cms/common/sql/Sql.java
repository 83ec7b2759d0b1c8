package cn.fucai.cms.common.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** SQL text built in pieces, each piece with the parameters of its own placeholders, so the two never drift apart. */
public final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    public Sql(String text, Object... params) {
        append(text, params);
    }

    public Sql append(String text, Object... params) {
        this.text.append(text);
        this.params.addAll(Arrays.asList(params));
        return this;
    }

    public Sql append(Sql other) {
        text.append(other.text);
        params.addAll(other.params);
        return this;
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    public String text() {
        return text.toString();
    }

    public Object[] params() {
        return params.toArray();
    }
}
