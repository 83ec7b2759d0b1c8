package cn.fucai.cms.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string that PostgreSQL cannot store as text: a NUL character or a lone UTF-16 surrogate. */
public class InvalidTextException extends MismatchedInputException {

    InvalidTextException(JsonParser parser, String message) {
        super(parser, message, String.class);
    }
}
