package io.pitaya.examples.libpitaya.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/** {@code {"Data":{...}}}, Go's {@code SessionData} struct. */
record SessionData(@JsonProperty("Data") Map<String, Object> data) {
}

/** {@code {"Code":200,"Msg":"success"}}, Go's {@code Response} struct. */
record Response(@JsonProperty("Code") int code, @JsonProperty("Msg") String msg) {
}

/** Go's {@code session.HandshakeData}: {@code sys} always, {@code user} only when not empty. */
record HandshakeData(
        @JsonProperty("sys") Sys sys,
        @JsonProperty("user") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> user) {

    /** Go's {@code HandshakeClientData}: the four fields in this order, empty strings when absent. */
    record Sys(
            @JsonProperty("platform") String platform,
            @JsonProperty("libVersion") String libVersion,
            @JsonProperty("clientBuildNumber") String clientBuildNumber,
            @JsonProperty("clientVersion") String clientVersion) {

        Sys {
            platform = platform == null ? "" : platform;
            libVersion = libVersion == null ? "" : libVersion;
            clientBuildNumber = clientBuildNumber == null ? "" : clientBuildNumber;
            clientVersion = clientVersion == null ? "" : clientVersion;
        }
    }
}
