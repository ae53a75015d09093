package io.gaia.bff.docs;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.gaia.bff.problem.ErrorCode;

/**
 * Lists in the document only the codes the documented routes can answer. The operator endpoint and
 * its token are left out of the public document (mp.openapi.scan.exclude), so its code is too.
 */
public class PublicErrorCodes implements OASFilter {

    private static final List<ErrorCode> OPERATOR_ONLY = List.of(ErrorCode.ADMIN_TOKEN_REQUIRED);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Schema codes = openAPI.getComponents().getSchemas().get("ErrorCode");
        codes.setEnumeration(Arrays.stream(ErrorCode.values()).filter(code -> !OPERATOR_ONLY.contains(code))
                .<Object>map(ErrorCode::name).toList());
    }
}
