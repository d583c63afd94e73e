package io.pitaya.examples.libpitaya.protobuf;

import java.util.List;

/** The large nested message libpitaya's protobuf test decodes field by field (maps, repeated fields, doubles). */
final class BigMessages {

    private BigMessages() {
    }

    static BigMessage sample() {
        BigMessageResponse response = BigMessageResponse.newBuilder()
                .addAllChests(List.of(
                        "chchche",
                        "asbcasc",
                        "oijdoijqwodijqwoeijqwioj",
                        "ciqwojdoqiwjdiojchchche",
                        "1023doi12jdoijdoqwijoi21j",
                        "1jd210",
                        "c",
                        "-12id-10id0-id0-iew-0ic-0i",
                        "$#RIOj1j#(joiJDIOJQIWOJD))",
                        "dwq0jq-cqw0921jejclsnvwejflk   qwf we  we gw eg ",
                        "ijqwoidjoqijc",
                        "nvweoifjoweijfoiwje910e23fj"))
                .putNpcs("npc201", npc("this is as annoying enemy", 21.432,
                        "wow, public id: 20123iq9w0e9012309812039ad"))
                .putNpcs("np20xaiwodj1", npc("ENEENENNEEMMMMMMMMMMMMMMY", 72.01,
                        "randonqwdmqwoqowjdoqwjdoqjwdoqqqwoj"))
                .putNpcs("qiwjdoqijwd", npc("QUQUQUAOAOOQOQOQOQOOQOQOQOQOQMCMCMCM", 99.99001,
                        "owijdoiqwjdoqwjdo-021192391231-102dii2-10-0i12d"))
                .putNpcs("banana", npc("bzbzbbabababqbbwbebqwbebqwbdiasbciuwiqub", 21.432,
                        "o12e12d-120id-q0-012id0-k-0cc12 1-20d10-2kd-012ie01-i-0i12 -0id-0ic- 01k-0ie-0i12-0i-d0iasidaopjdwqijd-2"))
                .putNpcs("oqijwdoijdwoij[q12919120120991912191911111", npc("UQUQUUQ", 312.001,
                        "owiqdjoiqjwdoijwoqijdi112123333333333333333333333333312oij2190d1290"))
                .setPlayer(PlayerResponse.newBuilder()
                        .setAccessToken("oqijwdioj29012i3jlkad012d9j")
                        .setHealth(87.5)
                        .addAllItems(List.of(
                                "BigItem", "SmallItem", "InterestingWeirdItem", "Another", "One", "Stuff",
                                "MoreStuff", "MoarStuff", "BigItem", "SmallItem", "InterestingWeirdItem", "Another"))
                        .setName("Frederico Castanha")
                        .setPublicId("qwid1ioj230as09d1908309asd12oij3lkjoaisjd21"))
                .build();
        return BigMessage.newBuilder().setCode("ABC-200").setResponse(response).build();
    }

    private static NPC npc(String name, double health, String publicId) {
        return NPC.newBuilder().setName(name).setHealth(health).setPublicId(publicId).build();
    }
}
