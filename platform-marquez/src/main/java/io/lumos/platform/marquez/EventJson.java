package io.lumos.platform.marquez;

import io.openlineage.client.OpenLineageClientUtils;

/** Serialising events the way openlineage-java does, and telling their type like Marquez does. */
final class EventJson {
    private EventJson() {}

    static String toJson(Object event) {
        return OpenLineageClientUtils.toJson(event);
    }

    /** The text after the last '/' of schemaURL (Marquez's rule); RunEvent when absent. */
    static String typeOf(String json) {
        int i = json.indexOf("\"schemaURL\"");
        if (i < 0) {
            return "RunEvent";
        }
        int start = json.indexOf('"', json.indexOf(':', i) + 1);
        int end = json.indexOf('"', start + 1);
        String url = json.substring(start + 1, end);
        String tail = url.substring(url.lastIndexOf('/') + 1);
        return switch (tail) {
            case "DatasetEvent", "JobEvent" -> tail;
            default -> "RunEvent";
        };
    }
}
