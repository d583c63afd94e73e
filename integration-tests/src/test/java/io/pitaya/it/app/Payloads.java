package io.pitaya.it.app;

import java.util.List;

record TestRequest(String msg) {
}

record TestResponse(int code, String msg) {
}

record SendToUsers(List<String> uids, String msg) {
}

record OrderItem(int n) {
}

record OrderList(List<Integer> items) {
}
