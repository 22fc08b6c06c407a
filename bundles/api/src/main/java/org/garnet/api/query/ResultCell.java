package org.garnet.api.query;

/** One query cell: a status and, when the status is normal, a value. */
public record ResultCell(ResultStatus status, Object value) {
    public static ResultCell of(Object value) {
        return new ResultCell(ResultStatus.NORMAL, value);
    }
}
