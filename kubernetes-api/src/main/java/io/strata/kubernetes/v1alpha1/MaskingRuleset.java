package io.strata.kubernetes.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Which columns are masked, and how: the same thing as a ruleset made with {@code POST /api/v1/rulesets}. The masking
 * service makes it; a change of the rules makes its next version; deleting the resource deletes it.
 */
@Group(StrataResources.GROUP)
@Version(StrataResources.VERSION)
@ShortNames("mrs")
@AdditionalPrinterColumn(name = "Ready", jsonPath = StrataResources.READY_PATH, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".status.version", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Rules", jsonPath = ".status.rules", type = AdditionalPrinterColumn.Type.INTEGER)
public class MaskingRuleset extends CustomResource<MaskingRulesetSpec, MaskingRulesetStatus> implements Namespaced {

    @Override
    protected MaskingRulesetStatus initStatus() {
        return new MaskingRulesetStatus();
    }
}
