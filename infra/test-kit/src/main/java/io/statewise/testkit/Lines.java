package io.statewise.testkit;

/** The JSON body of a reservation, a cart or a checkout's lines. */
public final class Lines {

	private Lines() {
	}

	/** {@code lines("CUP-001", 2, "TEA-001", 1)}: product ids and quantities, in turn. */
	public static String lines(Object... productAndQuantity) {
		StringBuilder json = new StringBuilder("{\"lines\":[");
		for (int i = 0; i < productAndQuantity.length; i += 2) {
			json.append((i > 0) ? "," : "")
				.append("{\"productId\":\"")
				.append(productAndQuantity[i])
				.append("\",\"quantity\":")
				.append(productAndQuantity[i + 1])
				.append('}');
		}
		return json.append("]}").toString();
	}

}
